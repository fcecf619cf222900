package com.ec2manager.identity.account;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.identity.cognito.CognitoGateway;
import com.ec2manager.identity.cognito.InvalidUserInputException;
import com.ec2manager.identity.cognito.PasswordPolicy;
import com.ec2manager.identity.signin.SignInService;
import com.ec2manager.web.Caller;
import com.ec2manager.web.FailureStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** "Forgot your password?": Cognito e-mails a code to the verified address; the code and a new password finish it. */
@Controller
class PasswordRecoveryController {

    private final CognitoGateway cognito;
    private final AccountSecurity security;

    PasswordRecoveryController(CognitoGateway cognito, AccountSecurity security) {
        this.cognito = cognito;
        this.security = security;
    }

    @GetMapping("/forgot-password")
    String forgotPage() {
        return "identity/forgot-password";
    }

    @PostMapping("/forgot-password")
    String forgot(@RequestParam(defaultValue = "") String email, HttpServletResponse response, Model model) {
        String address = email.strip();
        try {
            if (address.isEmpty() || address.length() > 254 || !address.contains("@")) {
                throw new InvalidUserInputException("Enter the e-mail address of your account.");
            }
            cognito.forgotPassword(address);
        } catch (ApplicationException e) {
            FailureStatus.applyTo(response, e);
            model.addAttribute("error", e.getMessage());
            model.addAttribute("email", address);
            return "identity/forgot-password";
        }
        return "redirect:/forgot-password/confirm?email=" + java.net.URLEncoder.encode(address,
                java.nio.charset.StandardCharsets.UTF_8);
    }

    @GetMapping("/forgot-password/confirm")
    String confirmPage(@RequestParam(defaultValue = "") String email, Model model) {
        model.addAttribute("email", email);
        return "identity/reset-password";
    }

    @PostMapping("/forgot-password/confirm")
    String confirm(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String code,
                   @RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String confirmation,
                   HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            if (email.isBlank() || code.isBlank() || email.length() > SignInService.MAX_EMAIL) {
                throw new InvalidUserInputException("Enter your e-mail address and the code from the e-mail.");
            }
            PasswordPolicy.checkChosen(password, confirmation);
            security.resetPassword(email.strip(), code.strip(), password, Caller.of(request));
        } catch (ApplicationException e) {
            FailureStatus.applyTo(response, e);
            model.addAttribute("error", e.getMessage());
            model.addAttribute("email", email);
                return "identity/reset-password";
        }
        return "redirect:/sign-in?notice=password-reset";
    }
}
