package com.ec2manager.identity;

import java.util.List;
import java.util.Optional;

import com.ec2manager.web.ApplicationException;
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
            response.setStatus(e.status().value());
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
            return "redirect:/sign-in?notice=expired";
        }
        model.addAttribute("email", pending.get().email());
        return "identity/new-password";
    }

    @PostMapping("/sign-in/new-password")
    String newPassword(@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String confirmation,
                       @RequestParam(required = false) String next, HttpServletRequest request,
                       HttpServletResponse response, Model model) {
        Optional<PendingSignIn> pending = pending(request, SignInStep.ChallengeKind.NEW_PASSWORD_REQUIRED);
        if (pending.isEmpty()) {
            return "redirect:/sign-in?notice=expired";
        }
        model.addAttribute("email", pending.get().email());
        try {
            if (!password.equals(confirmation)) {
                throw new PasswordPolicyException("The two passwords are not the same.");
            }
            PasswordPolicy.check(password);
            return proceed(signIn.answerNewPassword(pending.get(), password, Caller.of(request)),
                    Redirects.safeNext(next), response);
        } catch (SignInExpiredException e) {
            cookies.clearPending(response);
            return "redirect:/sign-in?notice=expired";
        } catch (ApplicationException e) {
            response.setStatus(e.status().value());
            model.addAttribute("error", e.getMessage());
            return "identity/new-password";
        }
    }

    @GetMapping("/sign-in/mfa")
    String mfaPage(HttpServletRequest request, Model model) {
        if (pending(request, SignInStep.ChallengeKind.SOFTWARE_TOKEN_MFA).isEmpty()) {
            return "redirect:/sign-in?notice=expired";
        }
        return "identity/mfa";
    }

    @PostMapping("/sign-in/mfa")
    String mfa(@RequestParam(defaultValue = "") String code, @RequestParam(required = false) String next,
               HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<PendingSignIn> pending = pending(request, SignInStep.ChallengeKind.SOFTWARE_TOKEN_MFA);
        if (pending.isEmpty()) {
            return "redirect:/sign-in?notice=expired";
        }
        try {
            String digits = code.replaceAll("\\s", "");
            if (!digits.matches("\\d{6}")) {
                throw new InvalidCodeException("The code has six digits.");
            }
            return proceed(signIn.answerMfa(pending.get(), digits, Caller.of(request)), Redirects.safeNext(next), response);
        } catch (SignInExpiredException e) {
            cookies.clearPending(response);
            return "redirect:/sign-in?notice=expired";
        } catch (ApplicationException e) {
            response.setStatus(e.status().value());
            model.addAttribute("error", e.getMessage());
            return "identity/mfa";
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

    static List<String> policyRules() {
        return List.of("At least " + PasswordPolicy.MINIMUM_LENGTH + " characters", "An upper-case letter (A–Z)",
                "A lower-case letter (a–z)", "A digit (0–9)", "A symbol, such as ! @ # $ % & *");
    }
}
