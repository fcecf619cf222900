package com.ec2manager.web;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import com.ec2manager.failure.FailureKind;

import static org.assertj.core.api.Assertions.assertThat;

/** A failure that reaches {@code /error} only as a status is titled by web's one mapping, like every other. */
class ErrorPageTitlesTest {

    @Test
    void aContainersStatusIsTitledAsTheFailureKindThatAnswersWithIt() {
        assertThat(titleOf(HttpStatus.UNAUTHORIZED)).isEqualTo(FailureStatus.title(FailureKind.UNAUTHENTICATED));
        assertThat(titleOf(HttpStatus.BAD_GATEWAY)).isEqualTo(FailureStatus.title(FailureKind.REFUSED_BY_SERVICE));
        assertThat(titleOf(HttpStatus.SERVICE_UNAVAILABLE)).isEqualTo(FailureStatus.title(FailureKind.UNAVAILABLE));
    }

    @Test
    void aStatusNoKindAnswersWithKeepsItsPhrase() {
        assertThat(titleOf(HttpStatus.METHOD_NOT_ALLOWED)).isEqualTo("Method Not Allowed");
    }

    private static String titleOf(HttpStatus status) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/anything");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status.value());
        Object answer = new ErrorPageController().error(request, new MockHttpServletResponse());
        return ((ProblemDetail) ((ResponseEntity<?>) answer).getBody()).getTitle();
    }
}
