package com.ec2manager.web;

import com.ec2manager.identity.Operator;
import com.ec2manager.identity.OperatorArgumentResolver;
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
    Operator viewer() {
        return OperatorArgumentResolver.signedIn().orElse(null);
    }

    @ModelAttribute("requestId")
    String requestId(HttpServletRequest request) {
        return RequestIdFilter.idOf(request);
    }

}
