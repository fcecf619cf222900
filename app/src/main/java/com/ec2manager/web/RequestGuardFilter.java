package com.ec2manager.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns away, before anything reads them, requests no route can serve: bodies over
 * {@link #MAX_BODY} (413, also when they arrive chunked), headers over {@link #MAX_HEADERS}
 * bytes in all (431), a Content-Type that is a wildcard or unparseable (415), and query
 * parameter names or values that are not valid percent-encoding, or names with control characters (400). Each
 * answer is the application's own error rendering; the security filter chain runs this right
 * after it has set up the security headers, so that these answers carry them too.
 */
public class RequestGuardFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    public RequestGuardFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    /** The largest request body any route takes, as action routes always did. */
    static final int MAX_BODY = 1 << 20;
    /** The most header bytes a request may carry (the container accepts more so that we can answer). */
    static final int MAX_HEADERS = 16 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (headerBytes(request) > MAX_HEADERS) {
            refuse(request, response, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "The request's headers are too large.");
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY) {
            refuse(request, response, HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than 1 MB.");
            return;
        }
        if (!concrete(request.getContentType())) {
            refuse(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "The request body needs a Content-Type such as application/json, not a pattern.");
            return;
        }
        if (!wellFormedQuery(request.getQueryString())) {
            // the code ErrorResponses gives Tomcat's own refusal of undecodable parameters
            problems.write(request, response, HttpStatus.BAD_REQUEST, HttpStatus.BAD_REQUEST.getReasonPhrase(),
                    "The query string could not be read: names and values must be percent-encoded UTF-8, names without control characters.",
                    "MalformedParameters");
            return;
        }
        chain.doFilter(hasBody(request) ? new BoundedBodyRequest(request) : request, response);
    }

    private static long headerBytes(HttpServletRequest request) {
        long total = 0;
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                total += name.length() + value.length() + 4;
            }
        }
        return total;
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    private static boolean concrete(String contentType) {
        if (contentType == null) {
            return true; // Spring answers a missing type itself (415 where a body is read)
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /**
     * Whether every name and value decodes, and no name holds a control character. Tomcat drops a
     * value it cannot decode and fails later, wherever the parameters are first read (a template's
     * {@code param.x}): refused here, it is a 400 and never a 500.
     */
    static boolean wellFormedQuery(String query) {
        if (query == null || query.isEmpty()) {
            return true;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = decoded(equals < 0 ? pair : pair.substring(0, equals));
            if (name == null || name.chars().anyMatch(Character::isISOControl)) {
                return false;
            }
            if (equals >= 0 && decoded(pair.substring(equals + 1)) == null) {
                return false;
            }
        }
        return true;
    }

    /** Percent-decoded as UTF-8, strictly (as Tomcat decodes parameters); null when it does not decode. */
    private static String decoded(String text) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    return null;
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                byte[] raw = String.valueOf(c == '+' ? ' ' : c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                        String detail) throws IOException {
        problems.write(request, response, status, status.getReasonPhrase(), detail, ErrorResponses.codeOf(status));
    }

    /**
     * A body read through this — as a stream or as characters — stops with {@link BodyTooLargeException}
     * after {@link #MAX_BODY} bytes. The reader decodes the bounded stream, so that no way of reading
     * the body goes around the bound; as the servlet contract says, a body is read one way only.
     */
    static final class BoundedBodyRequest extends HttpServletRequestWrapper {

        private ServletInputStream bounded;
        private BufferedReader reader;

        BoundedBodyRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (reader != null) {
                throw new IllegalStateException("getReader() has already been called for this request");
            }
            return stream();
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                if (bounded != null) {
                    throw new IllegalStateException("getInputStream() has already been called for this request");
                }
                String encoding = getCharacterEncoding();
                Charset charset;
                try {
                    charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                } catch (IllegalArgumentException e) {
                    throw new UnsupportedEncodingException(encoding);
                }
                reader = new BufferedReader(new InputStreamReader(stream(), charset));
            }
            return reader;
        }

        private ServletInputStream stream() throws IOException {
            if (bounded == null) {
                bounded = new BoundedInputStream(super.getInputStream());
            }
            return bounded;
        }
    }

    private static final class BoundedInputStream extends ServletInputStream {

        private final ServletInputStream in;
        private long read;

        BoundedInputStream(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > MAX_BODY) {
                throw new BodyTooLargeException();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }

    /** A body went past {@link #MAX_BODY}; {@link ErrorResponses} answers 413. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body larger than " + MAX_BODY + " bytes");
        }
    }
}
