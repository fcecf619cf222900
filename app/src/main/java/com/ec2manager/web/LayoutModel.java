package com.ec2manager.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the layout needs on every page: the signed-in person ({@code viewer}, null before sign-in)
 * and the request id shown in the footer.
 */
@ControllerAdvice
class LayoutModel {

    @ModelAttribute("viewer")
    Viewer viewer() {
        return SignedIn.viewer().orElse(null);
    }

    @ModelAttribute("requestId")
    String requestId(HttpServletRequest request) {
        return RequestIdFilter.idOf(request);
    }

}
