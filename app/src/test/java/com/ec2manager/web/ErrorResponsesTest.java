package com.ec2manager.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;


import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import com.ec2manager.testing.SignedInAs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Spring's own failures come out as problem JSON with the request id for the API, and as the error page for a browser. */
@WebMvcTest(controllers = ErrorResponsesTest.ProbeController.class)
@Import({ErrorResponsesTest.ProbeController.class, ConsoleFormat.class})
@ExtendWith(OutputCaptureExtension.class)
class ErrorResponsesTest {

    /** What an exception's message may carry and a response must never show. */
    static final String SECRET_DETAIL = "jdbc password=hunter2 at 10.0.3.7";

    @Autowired
    MockMvc mvc;

    private ResultActions api(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(SignedInAs.operator("u-1", "a@example.com", "admin")).with(csrf()));
    }

    private static void problem(ResultActions result, int status, String code) throws Exception {
        result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.code").value(code))
                .andExpect(jsonPath("$.requestId").isNotEmpty())
                .andExpect(header().exists(RequestIdFilter.HEADER));
        String body = result.andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain("Exception", "at com.", "at org.");
        assertThat(result.andReturn().getResponse().getHeader(RequestIdFilter.HEADER))
                .isEqualTo(com.jayway.jsonpath.JsonPath.read(body, "$.requestId"));
    }

    @Test
    void anUnknownApiPathIsA404Problem() throws Exception {
        problem(api(get("/api/v1/nothing-here")), 404, "NotFound");
    }

    @Test
    void aWrongMethodIsA405ProblemNamingTheAllowedOnes() throws Exception {
        ResultActions result = api(delete("/api/v1/probe/echo"));
        problem(result, 405, "MethodNotAllowed");
        result.andExpect(header().string("Allow", org.hamcrest.Matchers.containsString("POST")));
    }

    @Test
    void aWrongMediaTypeIsA415Problem() throws Exception {
        problem(api(post("/api/v1/probe/echo").contentType(MediaType.TEXT_PLAIN).content("hello")), 415,
                "UnsupportedMediaType");
    }

    @Test
    void malformedJsonIsA400Problem() throws Exception {
        problem(api(post("/api/v1/probe/echo").contentType(MediaType.APPLICATION_JSON).content("{\"reason\": ")),
                400, "MalformedBody");
    }

    @Test
    void anInvalidBodyIsA400ProblemNamingTheField() throws Exception {
        ResultActions result = api(post("/api/v1/probe/echo").contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\": \"  \"}"));
        problem(result, 400, "ValidationFailed");
        result.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("reason")));
    }

    @Test
    void aMissingParameterIsA400Problem() throws Exception {
        problem(api(get("/api/v1/probe/count")), 400, "BadRequest");
    }

    @Test
    void aMistypedParameterIsA400Problem() throws Exception {
        ResultActions result = api(get("/api/v1/probe/count").param("n", "seven"));
        problem(result, 400, "InvalidParameter");
        result.andExpect(jsonPath("$.detail").value("'n' must be a whole number, not 'seven'."));
    }

    @Test
    void anUnexpectedFailureIsA500WithoutItsStackTraceOrMessageWhichGoOnlyToTheLog(CapturedOutput log)
            throws Exception {
        ResultActions result = api(get("/api/v1/probe/boom"));
        problem(result, 500, "InternalError");
        assertThat(result.andReturn().getResponse().getContentAsString()).doesNotContain(SECRET_DETAIL);
        String page = api(get("/probe/boom").accept(MediaType.TEXT_HTML))
                .andExpect(status().isInternalServerError())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("500").doesNotContain(SECRET_DETAIL, "IllegalStateException", "at com.");
        // the twin: the operator finds the message in the log, with the stack trace
        assertThat(log.getAll()).contains(SECRET_DETAIL, "IllegalStateException");
    }

    @Test
    void theParserMessageOfMalformedJsonIsNotEchoed() throws Exception {
        ResultActions result = api(post("/api/v1/probe/echo").contentType(MediaType.APPLICATION_JSON).content("{\"reason\": "));
        assertThat(result.andReturn().getResponse().getContentAsString())
                .doesNotContain("end-of-input", "JsonEOFException", "tools.jackson", "line: 1");
    }

    @Test
    void aBrowserGetsTheErrorPageForAnUnknownPath() throws Exception {
        String html = api(get("/no/such/page").accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("404", "There is nothing at /no/such/page", "Request");
    }

    record Echo(@NotBlank String reason) {
    }

    @RestController
    static class ProbeController {
        @PostMapping("/api/v1/probe/echo")
        Echo echo(@Valid @RequestBody Echo body) {
            return body;
        }

        @GetMapping("/api/v1/probe/count")
        int count(@RequestParam int n) {
            return n;
        }

        @GetMapping({"/api/v1/probe/boom", "/probe/boom"})
        String boom() {
            throw new IllegalStateException("kaboom: " + SECRET_DETAIL);
        }
    }
}
