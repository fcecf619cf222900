package com.ec2manager.approvals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
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

    // looked up when a page is rendered: slices of the web layer (tests) run without approvals
    private final ObjectProvider<Approvals> approvals;
    private final ObjectProvider<Clock> clock;
    private volatile Counted last = new Counted(0, Instant.MIN);

    PendingApprovalsCount(ObjectProvider<Approvals> approvals, ObjectProvider<Clock> clock) {
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
        Approvals service = approvals.getIfAvailable();
        if (service == null) {
            return null;
        }
        Counted seen = last;
        Instant now = clock.getIfAvailable(Clock::systemUTC).instant();
        if (seen.at().plus(FRESH_FOR).isAfter(now)) {
            return seen.count();
        }
        try {
            int count = service.requests(ApprovalRequest.State.PENDING_APPROVAL, Integer.MAX_VALUE).size();
            last = new Counted(count, now);
            return count;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
