package com.ec2manager.identity.users;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.NotPermittedException;
import com.ec2manager.identity.Operator;
import com.ec2manager.identity.Role;
import com.ec2manager.identity.cognito.ManagedUser;
import com.ec2manager.identity.cognito.NewUser;
import com.ec2manager.identity.cognito.UserPage;
import com.ec2manager.identity.cognito.UserSearch;
import com.ec2manager.web.Caller;
import com.ec2manager.web.FailureStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The user administration pages (administrators only; the service audits every attempt). */
@Controller
class UsersController {

    private static final int PAGE_SIZE = 20;

    private final UserAdministration users;
    private final LastSignIns lastSignIns;

    UsersController(UserAdministration users, LastSignIns lastSignIns) {
        this.users = users;
        this.lastSignIns = lastSignIns;
    }

    @GetMapping("/users")
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "EMAIL") String field,
                @RequestParam(required = false) String page, Operator operator, Model model) {
        UserSearch.Field searchField = UsersApiController.field(field);
        UserPage result = users.list(operator, new UserSearch(searchField, q), PAGE_SIZE, page);
        model.addAttribute("users", result.users());
        model.addAttribute("lastSignIn", lastSignIns.of(result.users()));
        model.addAttribute("nextPage", result.nextToken());
        model.addAttribute("q", q);
        model.addAttribute("field", searchField.name());
        return "identity/users";
    }

    @GetMapping("/users/new")
    String newUser(Operator operator, Model model) {
        model.addAttribute("form", new UserForm("", "", "", "readonly", ""));
        return "identity/user-new";
    }

    @PostMapping("/users")
    String create(UserForm form, Operator operator, HttpServletRequest request, HttpServletResponse response,
                  Model model, RedirectAttributes redirect) {
        try {
            ManagedUser created = users.create(operator, form.toNewUser(), Caller.of(request));
            redirect.addAttribute("notice", "Created " + created.email()
                    + ". Cognito has e-mailed a temporary password; it is valid for 7 days.");
            return "redirect:/users";
        } catch (NotPermittedException e) {
            throw e;
        } catch (ApplicationException e) {
            FailureStatus.applyTo(response, e);
            model.addAttribute("form", form);
            model.addAttribute("error", e.getMessage());
            return "identity/user-new";
        }
    }

    @GetMapping("/users/{username}")
    String user(@PathVariable String username, Operator operator, Model model) {
        return userPage("identity/user", username, operator, model);
    }

    @GetMapping("/users/{username}/delete")
    String confirmDelete(@PathVariable String username, Operator operator, Model model) {
        return userPage("identity/user-delete", username, operator, model);
    }

    @PostMapping("/users/{username}/disable")
    String disable(@PathVariable String username, Operator operator, HttpServletRequest request, RedirectAttributes redirect) {
        users.disable(operator, username, Caller.of(request));
        redirect.addAttribute("notice", "The user is disabled and signed out everywhere.");
        return "redirect:/users/{username}";
    }

    @PostMapping("/users/{username}/enable")
    String enable(@PathVariable String username, Operator operator, HttpServletRequest request, RedirectAttributes redirect) {
        users.enable(operator, username, Caller.of(request));
        redirect.addAttribute("notice", "The user is enabled.");
        return "redirect:/users/{username}";
    }

    @PostMapping("/users/{username}/reset-password")
    String reset(@PathVariable String username, Operator operator, HttpServletRequest request, RedirectAttributes redirect) {
        users.resetPassword(operator, username, Caller.of(request));
        redirect.addAttribute("notice", "Cognito has e-mailed the user a code to choose a new password.");
        return "redirect:/users/{username}";
    }

    @PostMapping("/users/{username}/delete")
    String delete(@PathVariable String username, Operator operator, HttpServletRequest request, RedirectAttributes redirect) {
        users.delete(operator, username, Caller.of(request));
        redirect.addAttribute("notice", "The user is deleted.");
        return "redirect:/users";
    }

    private String userPage(String page, String username, Operator operator, Model model) {
        ManagedUser user = users.user(operator, username);
        model.addAttribute("user", user);
        model.addAttribute("lastSignIn", lastSignIns.of(java.util.List.of(user)));
        return page;
    }

    /** The creation form's fields, as typed. */
    record UserForm(String givenName, String familyName, String email, String role, String department) {

        NewUser toNewUser() {
            return new NewUser(givenName, familyName, email, Role.fromValue(role).orElse(null), department);
        }
    }
}
