package com.ec2manager.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;


import com.ec2manager.testing.SignedInAs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@WebMvcTest(controllers = LayoutRenderingTest.FailingController.class)
@Import({LayoutRenderingTest.FailingController.class, ConsoleFormat.class, LayoutModel.class, ErrorResponses.class})
class LayoutRenderingTest {

    @Autowired
    MockMvc mvc;

    @Test
    void anErrorPageForABrowserUsesTheLayoutWithTheSignedInPersonAndNoInlineCode() throws Exception {
        String html = mvc.perform(get("/test/missing").accept(MediaType.TEXT_HTML)
                        .with(SignedInAs.operator("user-1", "admin@example.com", "admin")))
                .andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();

        assertThat(html).contains("EC2 Manager", "Dashboard", "Instances", "Audit log", "Users", "Account",
                "admin@example.com", "Sign out", "404", "Nothing called missing", "/css/app.css",
                "/webjars/htmx.org/", "/dist/htmx.min.js");
        assertThat(html).doesNotContain("style=", "<script>", "onclick", "Exception");
    }

    @Test
    void aReadonlyPersonSeesNoUsersEntry() throws Exception {
        String html = mvc.perform(get("/test/missing").accept(MediaType.TEXT_HTML)
                        .with(SignedInAs.operator("user-2", "readonly@example.com", "readonly")))
                .andReturn().getResponse().getContentAsString();

        assertThat(html).contains("readonly@example.com", "Audit log").doesNotContain(">Users<");
    }

    @RestController
    static class FailingController {
        @GetMapping("/test/missing")
        String missing() {
            throw new NotThere();
        }
    }

    static class NotThere extends com.ec2manager.failure.ApplicationException {
        NotThere() {
            super(com.ec2manager.failure.FailureKind.NOT_FOUND, "NotThere", "Nothing called missing");
        }
    }
}
