package com.ec2manager.identity.signin;

import java.util.Optional;
import java.util.function.Function;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.identity.OperatorAuthentication;
import com.ec2manager.identity.cognito.PasswordPolicy;
import com.ec2manager.identity.cognito.SignInExpiredException;
import com.ec2manager.identity.cognito.SignInStep;
import com.ec2manager.web.Caller;
import com.ec2manager.web.FailureStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in pages: e-mail and password, then, when Cognito asks, a new password (first
 * sign-in with a temporary password) or a TOTP code; and signing out. The challenge waiting
 * for its answer travels in a sealed cookie, so each step may reach another instance.
 */
@Controller
class SignInController {

    private static final String EXPIRED = "redirect:/sign-in?notice=expired";

    private final SignInService signIn;
    private final SessionCookies cookies;

    SignInController(SignInService signIn, SessionCookies cookies) {
        this.signIn = signIn;
        this.cookies = cookies;
    }

    @GetMapping("/sign-in")
    String signInPage(@RequestParam(required = false) String next, @RequestParam(required = false) String notice,
                      Model model) {
        model.addAttribute("next", Redirects.safeNext(next));
        model.addAttribute("notice", notice(notice));
        return "identity/sign-in";
    }

    @PostMapping("/sign-in")
    String signIn(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
                  @RequestParam(required = false) String next, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        try {
            return proceed(signIn.signIn(email, password, Caller.of(request)), Redirects.safeNext(next), response);
        } catch (ApplicationException e) {
            FailureStatus.applyTo(response, e);
            model.addAttribute("error", e.getMessage());
            model.addAttribute("email", email);
            model.addAttribute("next", Redirects.safeNext(next));
            return "identity/sign-in";
        }
    }

    @GetMapping("/sign-in/new-password")
    String newPasswordPage(HttpServletRequest request, Model model) {
        Optional<PendingSignIn> pending = pending(request, SignInStep.ChallengeKind.NEW_PASSWORD_REQUIRED);
        if (pending.isEmpty()) {
            return EXPIRED;
        }
        model.addAttribute("email", pending.get().email());
        return "identity/new-password";
    }

    @PostMapping("/sign-in/new-password")
    String newPassword(@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String confirmation,
                       @RequestParam(required = false) String next, HttpServletRequest request,
                       HttpServletResponse response, Model model) {
        return answer(SignInStep.ChallengeKind.NEW_PASSWORD_REQUIRED, "identity/new-password", next, request, response,
                model, pending -> {
                    model.addAttribute("email", pending.email());
                    PasswordPolicy.checkChosen(password, confirmation);
                    return signIn.answerNewPassword(pending, password, Caller.of(request));
                });
    }

    @GetMapping("/sign-in/mfa")
    String mfaPage(HttpServletRequest request, Model model) {
        if (pending(request, SignInStep.ChallengeKind.SOFTWARE_TOKEN_MFA).isEmpty()) {
            return EXPIRED;
        }
        return "identity/mfa";
    }

    @PostMapping("/sign-in/mfa")
    String mfa(@RequestParam(defaultValue = "") String code, @RequestParam(required = false) String next,
               HttpServletRequest request, HttpServletResponse response, Model model) {
        return answer(SignInStep.ChallengeKind.SOFTWARE_TOKEN_MFA, "identity/mfa", next, request, response, model,
                pending -> signIn.answerMfa(pending, TotpCodeInput.digits(code), Caller.of(request)));
    }

    /**
     * Answers the challenge of the given kind waiting in the pending cookie: on to the next step or
     * the session, back to the start when there is none or it expired, or the page again with the error.
     */
    private String answer(SignInStep.ChallengeKind kind, String page, String next, HttpServletRequest request,
                          HttpServletResponse response, Model model, Function<PendingSignIn, SignInService.Result> answer) {
        Optional<PendingSignIn> pending = pending(request, kind);
        if (pending.isEmpty()) {
            return EXPIRED;
        }
        try {
            return proceed(answer.apply(pending.get()), Redirects.safeNext(next), response);
        } catch (SignInExpiredException e) {
            cookies.clearPending(response);
            return EXPIRED;
        } catch (ApplicationException e) {
            FailureStatus.applyTo(response, e);
            model.addAttribute("error", e.getMessage());
            return page;
        }
    }

    @PostMapping("/sign-out")
    String signOut(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        Optional<WebSession> session = SessionAuthenticationFilter.sessionOf(request);
        if (session.isPresent() && authentication instanceof OperatorAuthentication operator) {
            signIn.signOut(session.get(), operator.getPrincipal(), operator.accessToken(), Caller.of(request));
        }
        cookies.clearSession(request, response);
        cookies.clearPending(response);
        cookies.writeCsrf(response, null);
        return "redirect:/sign-in?notice=signed-out";
    }

    private String proceed(SignInService.Result result, String next, HttpServletResponse response) {
        if (result.session() != null) {
            cookies.clearPending(response);
            cookies.writeSession(response, result.session());
            return "redirect:" + next;
        }
        cookies.writePending(response, result.pending());
        String target = result.pending().challenge().kind() == SignInStep.ChallengeKind.NEW_PASSWORD_REQUIRED
                ? "/sign-in/new-password" : "/sign-in/mfa";
        return "redirect:" + target + "?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8);
    }

    private Optional<PendingSignIn> pending(HttpServletRequest request, SignInStep.ChallengeKind kind) {
        return cookies.pending(request).filter(pending -> pending.challenge().kind() == kind);
    }

    private static String notice(String key) {
        if (key == null) {
            return null;
        }
        return switch (key) {
            case "signed-out" -> "You are signed out.";
            case "expired" -> "That sign-in took too long. Please start again.";
            case "password-reset" -> "Your password is changed. Sign in with the new one.";
            default -> null;
        };
    }
}
