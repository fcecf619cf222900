package com.ec2manager.approvals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The count of requests waiting for approval, beside "Approvals" in every page's navigation. Read
 * at most every few seconds per application instance; a page never fails for want of it.
 */
@Configuration(proxyBeanMethods = false)
class PendingApprovalsCount implements WebMvcConfigurer {

    private static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final Approvals approvals;
    private final Clock clock;
    private volatile Counted last = new Counted(0, Instant.MIN);

    PendingApprovalsCount(Approvals approvals, Clock clock) {
        this.approvals = approvals;
        this.clock = clock;
    }

    private record Counted(int count, Instant at) {
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                                   ModelAndView page) {
                boolean redirect = page != null && page.getViewName() != null && page.getViewName().startsWith("redirect:");
                if (page != null && page.hasView() && !redirect && request.getUserPrincipal() != null) {
                    page.addObject("pendingApprovals", count());
                }
            }
        }).excludePathPatterns("/api/**");
    }

    /** The number waiting, or null when it cannot be read now. */
    Integer count() {
        Counted seen = last;
        Instant now = clock.instant();
        if (seen.at().plus(FRESH_FOR).isAfter(now)) {
            return seen.count();
        }
        try {
            int count = approvals.requests(ApprovalRequest.State.PENDING_APPROVAL, Integer.MAX_VALUE).size();
            last = new Counted(count, now);
            return count;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
