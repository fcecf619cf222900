package com.ec2manager.instances;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * The opaque cursor of an instance listing: where the last instance of a page stands in the
 * query's order (its sort value, id, account and region) and which query it belongs to. The next
 * page starts after that position in the inventory as it is then, so a refresh between two pages
 * neither repeats nor skips an instance that kept its place (an offset would).
 *
 * <p>Text: {@code 1.} then the query's fingerprint, the sort value ({@code ~} for none), the id,
 * the account and the region, each base64url, joined with dots.
 */
final class ListingCursor {

    private static final String VERSION = "1";
    private static final String NONE = "~";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private ListingCursor() {
    }

    /** The cursor of the page that follows {@code last}. */
    static String after(Instance last, InstanceQuery query) {
        InstanceSort.Position position = query.sort().position(last);
        String value = query.sort().encode(position.value());
        return String.join(".", VERSION, encode(fingerprint(query)), value == null ? NONE : encode(value),
                encode(position.id()), encode(nullable(position.accountId())), encode(nullable(position.region())));
    }

    /**
     * The position a cursor stands for.
     *
     * @throws InvalidInstanceQueryException (400) when the text is no cursor or belongs to another query
     */
    static InstanceSort.Position read(String cursor, InstanceQuery query) {
        String[] parts = cursor.split("\\.", -1);
        try {
            if (parts.length == 6 && parts[0].equals(VERSION)) {
                if (!decode(parts[1]).equals(fingerprint(query))) {
                    throw new InvalidInstanceQueryException("The cursor belongs to another query (other filters, "
                            + "search or sort); start again without it");
                }
                Comparable<?> value = parts[2].equals(NONE) ? null : query.sort().decode(decode(parts[2]));
                String id = decode(parts[3]);
                if (!id.isEmpty()) {
                    return new InstanceSort.Position(value, id, decode(parts[4]), decode(parts[5]));
                }
            }
        } catch (IllegalArgumentException | DateTimeParseException e) { // NumberFormatException is an IllegalArgumentException
            // not base64, or a launch time that is none: refused below
        }
        throw new InvalidInstanceQueryException("The cursor is not valid: use the nextCursor of a previous answer, "
                + "or start again without it");
    }

    private static String fingerprint(InstanceQuery query) {
        return Integer.toHexString(query.fingerprint().hashCode());
    }

    private static String encode(String text) {
        return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String part) {
        return new String(DECODER.decode(part), StandardCharsets.UTF_8);
    }

    private static String nullable(String value) {
        return value == null ? "" : value;
    }
}
