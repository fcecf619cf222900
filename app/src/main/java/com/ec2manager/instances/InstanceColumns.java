package com.ec2manager.instances;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Which optional columns of the instances table a person shows, and how many rows per page: the
 * column chooser's choice, remembered in a cookie of the person's own (its name is derived from
 * their e-mail address, so two people sharing a browser keep their own).
 *
 * <p>A cookie rather than a table: the server renders only the chosen columns (no flash of hidden
 * columns, no script), any instance of the application reads it (no sticky sessions, no store to
 * keep), and the choice is a matter of taste for one screen, not data worth an audit trail. The
 * price: it is remembered per browser, not across a person's devices.
 *
 * @param hidden   the keys of the optional columns not shown
 * @param pageSize rows per page, one of {@link #PAGE_SIZES}
 */
public record InstanceColumns(Set<String> hidden, int pageSize) {

    /** The optional columns, in table order (name and state are always shown). */
    public static final List<Column> COLUMNS = List.of(
            new Column("account", "Account"), new Column("type", "Type"), new Column("region", "Region"),
            new Column("checks", "Status checks"), new Column("cpu", "CPU 24 h"), new Column("flags", "Protection and Auto Scaling"),
            new Column("privateIp", "Private IP"), new Column("publicIp", "Public IP"), new Column("launched", "Launched"),
            new Column("tags", "Tags"));
    public static final List<Integer> PAGE_SIZES = List.of(25, 50, 100, 200);
    static final int DEFAULT_PAGE_SIZE = 100;
    static final InstanceColumns DEFAULT = new InstanceColumns(Set.of(), DEFAULT_PAGE_SIZE);
    /** A year: a choice of layout outlives sessions. */
    static final int COOKIE_SECONDS = 365 * 24 * 3600;

    /** An optional column: the key the chooser sends and the header a person reads. */
    record Column(String key, String label) {
    }

    public InstanceColumns {
        Set<String> known = COLUMNS.stream().map(Column::key).collect(Collectors.toSet());
        hidden = Set.copyOf(hidden.stream().filter(known::contains).collect(Collectors.toCollection(LinkedHashSet::new)));
        pageSize = PAGE_SIZES.contains(pageSize) ? pageSize : DEFAULT_PAGE_SIZE;
    }

    /** Whether the column with this key is shown. */
    public boolean shows(String key) {
        return !hidden.contains(key);
    }

    /** The choice of the chooser's form: the columns ticked and the page size (anything else ignored). */
    static InstanceColumns chosen(List<String> shown, Integer pageSize) {
        Set<String> ticked = shown == null ? Set.of() : Set.copyOf(shown);
        return new InstanceColumns(COLUMNS.stream().map(Column::key).filter(key -> !ticked.contains(key))
                .collect(Collectors.toSet()), pageSize == null ? DEFAULT_PAGE_SIZE : pageSize);
    }

    /** The person's choice from their cookie, or the defaults. */
    static InstanceColumns of(HttpServletRequest request, String email) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return DEFAULT;
        }
        String name = cookieName(email);
        return Arrays.stream(cookies).filter(cookie -> name.equals(cookie.getName())).findFirst()
                .map(cookie -> parse(cookie.getValue())).orElse(DEFAULT);
    }

    /** {@code 50_publicIp.tags}: the page size, then the hidden columns (cookie-safe characters only). */
    String cookieValue() {
        return pageSize + "_" + hidden.stream().sorted().collect(Collectors.joining("."));
    }

    static InstanceColumns parse(String value) {
        if (value == null) {
            return DEFAULT;
        }
        int split = value.indexOf('_');
        try {
            int size = Integer.parseInt(split < 0 ? value : value.substring(0, split));
            Set<String> hidden = split < 0 || split == value.length() - 1 ? Set.of()
                    : Arrays.stream(value.substring(split + 1).split("\\.")).collect(Collectors.toSet());
            return new InstanceColumns(hidden, size);
        } catch (NumberFormatException e) {
            return DEFAULT; // a cookie edited by hand or from another version: the defaults
        }
    }

    /** The person's cookie: {@code instance-columns-} and the first 16 hex digits of the SHA-256 of their e-mail. */
    static String cookieName(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.valueOf(email)
                    .toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return "instance-columns-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
