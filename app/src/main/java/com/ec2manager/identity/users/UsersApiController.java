package com.ec2manager.identity.users;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.ec2manager.identity.Operator;
import com.ec2manager.identity.Role;
import com.ec2manager.identity.cognito.InvalidUserInputException;
import com.ec2manager.identity.cognito.ManagedUser;
import com.ec2manager.identity.cognito.NewUser;
import com.ec2manager.identity.cognito.UserPage;
import com.ec2manager.identity.cognito.UserSearch;
import com.ec2manager.web.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** User administration as JSON, and {@code /api/v1/me}: who the token belongs to. */
@RestController
@RequestMapping("/api/v1")
class UsersApiController {

    private final UserAdministration users;

    UsersApiController(UserAdministration users) {
        this.users = users;
    }

    @GetMapping("/me")
    Me me(Operator operator) {
        return new Me(operator.userId(), operator.email(), operator.roles().stream().map(Role::value).sorted().toList());
    }

    @GetMapping("/users")
    UserList list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "EMAIL") String field,
                  @RequestParam(defaultValue = "20") int limit, @RequestParam(required = false) String page,
                  Operator operator) {
        UserPage result = users.list(operator, new UserSearch(field(field), q), limit, page);
        return new UserList(result.users().stream().map(UserView::of).toList(), result.nextToken());
    }

    @GetMapping("/users/{username}")
    UserView user(@PathVariable String username, Operator operator) {
        return UserView.of(users.user(operator, username));
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    UserView create(@RequestBody(required = false) CreateUser body, Operator operator, HttpServletRequest request) {
        CreateUser fields = body != null ? body : new CreateUser(null, null, null, null, null);
        Role role = fields.role() == null ? null : Role.fromValue(fields.role().toLowerCase(Locale.ROOT)).orElse(null);
        return UserView.of(users.create(operator, new NewUser(fields.givenName(), fields.familyName(), fields.email(),
                role, fields.department()), Caller.of(request)));
    }

    @PostMapping("/users/{username}/disable")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void disable(@PathVariable String username, Operator operator, HttpServletRequest request) {
        users.disable(operator, username, Caller.of(request));
    }

    @PostMapping("/users/{username}/enable")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void enable(@PathVariable String username, Operator operator, HttpServletRequest request) {
        users.enable(operator, username, Caller.of(request));
    }

    @PostMapping("/users/{username}/reset-password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reset(@PathVariable String username, Operator operator, HttpServletRequest request) {
        users.resetPassword(operator, username, Caller.of(request));
    }

    @DeleteMapping("/users/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String username, Operator operator, HttpServletRequest request) {
        users.delete(operator, username, Caller.of(request));
    }

    static UserSearch.Field field(String value) {
        try {
            return UserSearch.Field.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidUserInputException("The search field must be email, given_name or family_name.");
        }
    }

    record Me(String userId, String email, List<String> roles) {
    }

    record CreateUser(String givenName, String familyName, String email, String role, String department) {
    }

    record UserList(List<UserView> users, String nextPage) {
    }

    record UserView(String username, String userId, String givenName, String familyName, String email, String role,
                    String department, String status, boolean enabled, boolean mfaEnabled, Instant created) {

        static UserView of(ManagedUser user) {
            return new UserView(user.username(), user.sub(), user.givenName(), user.familyName(), user.email(),
                    user.role() == null ? null : user.role().value(), user.department(), user.status(), user.enabled(),
                    user.mfaEnabled(), user.created());
        }
    }
}
