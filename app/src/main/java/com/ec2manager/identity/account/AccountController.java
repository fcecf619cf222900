package com.ec2manager.identity.account;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.identity.Operator;
import com.ec2manager.identity.cognito.CognitoGateway;
import com.ec2manager.identity.cognito.PasswordPolicy;
import com.ec2manager.identity.cognito.PasswordPolicyException;
import com.ec2manager.identity.cognito.SessionRevokedException;
import com.ec2manager.identity.signin.SessionAuthenticationFilter;
import com.ec2manager.identity.signin.TotpCodeInput;
import com.ec2manager.identity.signin.WebSession;
import com.ec2manager.identity.tokens.AccessTokenGuide;
import com.ec2manager.web.Caller;
import com.ec2manager.web.FailureStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in person's own account: details, password change, TOTP enrolment. Browser sessions only. */
@Controller
class AccountController {

    private final CognitoGateway cognito;
    private final AccountSecurity security;
    private final AccessTokenGuide tokens;

    AccountController(CognitoGateway cognito, AccountSecurity security, AccessTokenGuide tokens) {
        this.cognito = cognito;
        this.security = security;
        this.tokens = tokens;
    }

    @GetMapping("/account")
    String account(Operator operator, HttpServletRequest request, Model model) {
        return accountPage(operator, session(request), model);
    }

    @PostMapping("/account/password")
    String changePassword(@RequestParam(defaultValue = "") String currentPassword,
                          @RequestParam(defaultValue = "") String password,
                          @RequestParam(defaultValue = "") String confirmation, Operator operator,
                          HttpServletRequest request, HttpServletResponse response, Model model,
                          RedirectAttributes redirect) {
        WebSession session = session(request);
        try {
            if (!password.equals(confirmation)) {
                throw new PasswordPolicyException("The two new passwords are not the same.");
            }
            PasswordPolicy.check(password);
            security.changePassword(operator, session, currentPassword, password, Caller.of(request));
        } catch (ApplicationException e) {
            FailureStatus.applyTo(response, e);
            model.addAttribute("passwordError", e.getMessage());
            return accountPage(operator, session, model);
        }
        redirect.addAttribute("notice", "password-changed");
        return "redirect:/account";
    }

    @GetMapping("/account/mfa")
    String enrolPage(Operator operator, HttpServletRequest request, Model model) {
        return enrolmentPage(operator, session(request), model);
    }

    @PostMapping("/account/mfa")
    String enrol(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String secret,
                 Operator operator, HttpServletRequest request, HttpServletResponse response, Model model,
                 RedirectAttributes redirect) {
        WebSession session = session(request);
        try {
            security.enableMfa(operator, session, TotpCodeInput.digits(code), Caller.of(request));
        } catch (ApplicationException e) {
            FailureStatus.applyTo(response, e);
            if (TOTP_SECRET.matcher(secret).matches()) {
                // Cognito still holds the secret the person scanned: a mistyped code must not replace
                // it, or the app they just set up would show codes for a secret nobody checks.
                model.addAttribute("error", e.getMessage() + " The key is unchanged: type the code your app shows now.");
                showSecret(operator, secret, model);
                return "identity/mfa-enrol";
            }
            model.addAttribute("error", e.getMessage() + " Scan the new code below and try again.");
            return enrolmentPage(operator, session, model);
        }
        redirect.addAttribute("notice", "mfa-enabled");
        return "redirect:/account";
    }

    /** Turning the second factor off asks for the password: the session alone is not enough. */
    @PostMapping("/account/mfa/disable")
    String disableMfa(@RequestParam(defaultValue = "") String password, Operator operator,
                      HttpServletRequest request, HttpServletResponse response, Model model,
                      RedirectAttributes redirect) {
        WebSession session = session(request);
        try {
            security.disableMfa(operator, session, password, Caller.of(request));
        } catch (ApplicationException e) {
            FailureStatus.applyTo(response, e);
            model.addAttribute("mfaError", e.getMessage());
            return accountPage(operator, session, model);
        }
        redirect.addAttribute("notice", "mfa-disabled");
        return "redirect:/account";
    }

    private String accountPage(Operator operator, WebSession session, Model model) {
        model.addAttribute("account", cognito.account(session.accessToken()));
        model.addAttribute("tokens", tokens);
        model.addAttribute("tokenCommand", tokens.command(operator.email()));
        model.addAttribute("apiBase", org.springframework.web.servlet.support.ServletUriComponentsBuilder
                .fromCurrentContextPath().build().toUriString());
        return "identity/account";
    }

    /**
     * The enrolment page with a fresh secret. It is kept nowhere on our side: the page carries it
     * back with the code (it is on the page anyway), so that a mistyped code can be retried.
     */
    private String enrolmentPage(Operator operator, WebSession session, Model model) {
        showSecret(operator, cognito.associateSoftwareToken(session.accessToken()), model);
        return "identity/mfa-enrol";
    }

    private static void showSecret(Operator operator, String secret, Model model) {
        String uri = TotpQrCode.otpauthUri(CognitoGateway.TOTP_ISSUER, operator.email(), secret);
        model.addAttribute("secret", secret);
        // groups of four, as authenticator apps show keys, so that a line breaks only between groups
        model.addAttribute("secretGroups", java.util.Arrays.asList(secret.split("(?<=\\G.{4})")));
        model.addAttribute("qrCode", TotpQrCode.svgDataUri(uri));
    }

    /** A base32 TOTP key as Cognito issues them; anything else posted back is ignored. */
    private static final java.util.regex.Pattern TOTP_SECRET = java.util.regex.Pattern.compile("[A-Z2-7]{16,128}");

    private static WebSession session(HttpServletRequest request) {
        return SessionAuthenticationFilter.sessionOf(request)
                .orElseThrow(() -> new SessionRevokedException("Your account is managed from a signed-in browser session."));
    }
}
