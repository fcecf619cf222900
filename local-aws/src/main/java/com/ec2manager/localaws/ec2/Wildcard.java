package com.ec2manager.localaws.ec2;

/**
 * One EC2 filter value: {@code *} matches zero or more characters, {@code ?} exactly one, and a
 * backslash makes the next character literal ({@code \*amazon\?\\} is the string {@code *amazon?\}).
 * Matching is case-sensitive, as in EC2.
 */
final class Wildcard {

    private static final char ANY_ONE = '\uFFFE';
    private static final char ANY_MANY = '\uFFFF';

    /** The pattern with wildcards replaced by the two marker characters; escapes resolved. */
    private final char[] pattern;
    private final String literal;

    private Wildcard(char[] pattern, String literal) {
        this.pattern = pattern;
        this.literal = literal;
    }

    static Wildcard compile(String value) {
        StringBuilder compiled = new StringBuilder(value.length());
        boolean wild = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                compiled.append(value.charAt(++i));
            } else if (c == '*') {
                // consecutive stars are one star
                if (compiled.isEmpty() || compiled.charAt(compiled.length() - 1) != ANY_MANY) {
                    compiled.append(ANY_MANY);
                }
                wild = true;
            } else if (c == '?') {
                compiled.append(ANY_ONE);
                wild = true;
            } else {
                compiled.append(c);
            }
        }
        String text = compiled.toString();
        return new Wildcard(text.toCharArray(), wild ? null : text);
    }

    boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        if (literal != null) {
            return literal.equals(candidate);
        }
        // iterative glob matching with one backtrack point: linear in practice, O(n*m) at worst
        int p = 0;
        int c = 0;
        int starAt = -1;
        int starMatchedTo = 0;
        while (c < candidate.length()) {
            if (p < pattern.length && pattern[p] == ANY_MANY) {
                starAt = p++;
                starMatchedTo = c;
            } else if (p < pattern.length && (pattern[p] == ANY_ONE || pattern[p] == candidate.charAt(c))) {
                p++;
                c++;
            } else if (starAt >= 0) {
                p = starAt + 1;
                c = ++starMatchedTo;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == ANY_MANY) {
            p++;
        }
        return p == pattern.length;
    }
}
