package com.ec2manager.identity;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.web.FailureStatus;
import com.ec2manager.web.Caller;
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

    AccountController(CognitoGateway cognito, AccountSecurity security) {
        this.cognito = cognito;
        this.security = security;
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
    String enrol(@RequestParam(defaultValue = "") String code, Operator operator, HttpServletRequest request,
                 HttpServletResponse response, Model model, RedirectAttributes redirect) {
        WebSession session = session(request);
        try {
            security.enableMfa(operator, session, TotpCodeInput.digits(code), Caller.of(request));
        } catch (ApplicationException e) {
            // The secret is kept nowhere on our side, so a retry starts with a fresh one.
            FailureStatus.applyTo(response, e);
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
        return "identity/account";
    }

    /** The enrolment page with a fresh secret: it is kept nowhere on our side, so every showing starts anew. */
    private String enrolmentPage(Operator operator, WebSession session, Model model) {
        String secret = cognito.associateSoftwareToken(session.accessToken());
        String uri = TotpQrCode.otpauthUri(CognitoGateway.TOTP_ISSUER, operator.email(), secret);
        model.addAttribute("secret", secret);
        model.addAttribute("qrCode", TotpQrCode.svgDataUri(uri));
        return "identity/mfa-enrol";
    }

    private static WebSession session(HttpServletRequest request) {
        return SessionAuthenticationFilter.sessionOf(request)
                .orElseThrow(() -> new SessionRevokedException("Your account is managed from a signed-in browser session."));
    }
}
