package com.ec2manager.instances;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.ec2manager.accounts.AccountDirectory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/accounts}: the accounts with their regions and how fresh each one's picture is. */
@RestController
class AccountsApiController {

    private final AccountDirectory accounts;
    private final Inventory inventory;

    AccountsApiController(AccountDirectory accounts, Inventory inventory) {
        this.accounts = accounts;
        this.inventory = inventory;
    }

    /**
     * One account.
     *
     * @param id       the account id
     * @param name     its name
     * @param roleArn  the role assumed in it, or null (the application's own credentials)
     * @param regions  each region with its freshness
     * @param failure  why none of its regions could be listed, or null
     */
    record AccountView(String id, String name, String roleArn, List<Freshness> regions, Freshness failure) {
    }

    @GetMapping("/api/v1/accounts")
    List<AccountView> accounts() {
        Map<String, List<Freshness>> byAccount = inventory.freshness().stream()
                .collect(Collectors.groupingBy(Freshness::accountId));
        return accounts.all().stream().map(account -> {
            List<Freshness> all = byAccount.getOrDefault(account.id(), List.of());
            return new AccountView(account.id(), account.name(), account.roleArn(),
                    all.stream().filter(f -> f.region() != null).toList(),
                    all.stream().filter(f -> f.region() == null).findFirst().orElse(null));
        }).toList();
    }
}
