package com.ec2manager.localaws.wire;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} as the AWS Query protocol sends it (EC2, STS): the
 * query string and the form body together, a later duplicate winning.
 */
public final class FormEncoding {

    private FormEncoding() {
    }

    /**
     * The parameters of all parts, in order.
     *
     * @throws IllegalArgumentException when a part is not well-formed (a broken {@code %} escape)
     */
    public static Map<String, String> decode(String... encodedParts) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String encoded : encodedParts) {
            if (encoded == null || encoded.isEmpty()) {
                continue;
            }
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                values.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
