package com.ec2manager.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Tomcat refuses before the application sees a request (an encoded NUL or slash in the path, a
 * malformed request line) is answered in the application's words, not with Tomcat's own page: problem
 * JSON for the API and for clients that do not ask for HTML, a short page for browsers, each with a
 * request id that the log names. Runs after Spring Boot's customizer and replaces the valve it adds.
 */
@Component
class ContainerErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final JsonMapper json;

    ContainerErrors(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            var pipeline = context.getParent().getPipeline();
            for (Valve valve : pipeline.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    pipeline.removeValve(valve);
                }
            }
            pipeline.addValve(new ProblemReportValve(json));
            // else the host, finding no valve of its configured class, adds Tomcat's own at start
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Tomcat's error report, written as the application writes its failures. */
    static final class ProblemReportValve extends ErrorReportValve {

        private static final Logger log = LoggerFactory.getLogger(ProblemReportValve.class);

        private final JsonMapper json;

        ProblemReportValve(JsonMapper json) {
            this.json = json;
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            String title = known == null ? "Error" : known.getReasonPhrase();
            String detail = status == 400 ? "The request's address or form is malformed; nothing was done."
                    : "The request could not be served; nothing was done.";
            String requestId = UUID.randomUUID().toString();
            log.info("request refused by the container: {} {} (request id {})", status, title, requestId);
            try {
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
                response.setHeader("Cache-Control", "no-store");
                String body;
                if (ErrorResponses.wantsHtml(request)) {
                    response.setContentType(MediaType.TEXT_HTML_VALUE);
                    body = page(status, title, detail, requestId);
                } else {
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    body = json.writeValueAsString(ErrorResponses.problem(known == null ? HttpStatus.BAD_REQUEST : known,
                            title, detail, status == 400 ? "MalformedRequest" : "RequestRefused", requestId));
                }
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(body);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client went away, or the response cannot be written any more: nothing to tell it
                log.debug("container error report not written: {}", e.toString());
            }
        }

        private static String page(int status, String title, String detail, String requestId) {
            return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status + " "
                    + HtmlUtils.htmlEscape(title) + " · EC2 Manager</title><style>body{font:16px/1.5 system-ui,sans-serif;"
                    + "margin:4rem auto;max-width:36rem;padding:0 1rem;color:#1f2933}code{word-break:keep-all;"
                    + "white-space:nowrap}</style></head><body><main><h1>" + HtmlUtils.htmlEscape(title) + "</h1><p>"
                    + HtmlUtils.htmlEscape(detail) + "</p><p><a href=\"/\">Go to the console</a></p>"
                    + "<p>Request id <code>" + requestId + "</code></p></main></body></html>";
        }
    }
}
