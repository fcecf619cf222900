package com.ec2manager.identity.signin;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import com.ec2manager.identity.cognito.TooManyAttemptsException;
import com.ec2manager.limits.AttemptThrottle;

/**
 * The lock-out policy of signing in. Failed attempts (wrong password, wrong TOTP code, unknown or
 * disabled account — all alike) are counted three ways, and any count past its free attempts makes
 * the next attempt of that kind wait (backoff, see {@link AttemptThrottle}):
 * <ul>
 * <li>per account <em>from one address</em> (few free attempts): a guesser at one address is held up
 *     while the owner, signing in from anywhere else, is not — a count per account alone would let
 *     anyone keep an administrator out with one wrong guess per wait;</li>
 * <li>per address over all accounts: one address spraying many accounts;</li>
 * <li>per account over all addresses, at a much higher threshold: guessing spread over many
 *     addresses. Only this count holds up the owner too, and only once a distributed attack has
 *     made that many attempts.</li>
 * </ul>
 * Unknown accounts are counted exactly like existing ones, so that the answers do not tell them apart.
 */
public final class SignInLimits {

    private final AttemptThrottle perAccountAndAddress;
    private final AttemptThrottle perAddress;
    private final AttemptThrottle perAccount;

    public SignInLimits(AttemptThrottle perAccountAndAddress, AttemptThrottle perAddress, AttemptThrottle perAccount) {
        this.perAccountAndAddress = perAccountAndAddress;
        this.perAddress = perAddress;
        this.perAccount = perAccount;
    }

    /** Empty when the attempt may go ahead; else the longest of the waits. */
    Optional<AttemptThrottle.Refusal> check(String email, String address) {
        // every count is checked (not just until the first refusal), so that each marks its refusal as seen
        var refusals = Stream.of(perAccountAndAddress.check(pairKey(email, address)),
                        perAddress.check(addressKey(address)), perAccount.check(accountKey(email)))
                .flatMap(Optional::stream).toList();
        return refusals.stream()
                .map(AttemptThrottle.Refusal::retryAfter).max(Comparator.naturalOrder())
                .map(wait -> new AttemptThrottle.Refusal(wait, refusals.stream().anyMatch(AttemptThrottle.Refusal::first)));
    }

    /** Refuses (429) while the account, the address or the pair must wait. */
    public void throttle(String email, String address) {
        if (check(email, address).isPresent()) {
            throw new TooManyAttemptsException(SignInService.WAIT);
        }
    }

    public void failed(String email, String address) {
        perAccountAndAddress.failed(pairKey(email, address));
        perAddress.failed(addressKey(address));
        perAccount.failed(accountKey(email));
    }

    /**
     * A sign-in went through: the account's count from this address starts again. Not the address's
     * (one account of an attacker's own would reset it), nor the account's over all addresses (the
     * owner signing in would give a distributed guesser a fresh allowance).
     */
    void succeeded(String email, String address) {
        perAccountAndAddress.succeeded(pairKey(email, address));
    }

    private static String accountKey(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return address == null ? "" : address;
    }

    /** A client address holds no space, so the pair's key cannot be made up from another pair. */
    private static String pairKey(String email, String address) {
        return addressKey(address) + " " + accountKey(email);
    }
}
