package com.ec2manager.approvals;

import java.time.Duration;

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
 * at most every few seconds per application instance, and again at once after this instance wrote a
 * request; a page never fails for want of it.
 */
@Configuration(proxyBeanMethods = false)
class PendingApprovalsCount implements WebMvcConfigurer {

    private static final long FRESH_FOR_NANOS = Duration.ofSeconds(5).toNanos();

    // looked up when a page is rendered: slices of the web layer (tests) run without approvals
    private final ObjectProvider<Approvals> approvals;
    private volatile Counted last;

    PendingApprovalsCount(ObjectProvider<Approvals> approvals) {
        this.approvals = approvals;
    }

    /** A count and when it was read, on the machine's monotonic clock: how stale it may be is not business time. */
    private record Counted(int count, long atNanos, long writes) {
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
        long now = System.nanoTime();
        long writes = service.requestWrites();
        // a request asked for or decided here shows at once; others' within FRESH_FOR_NANOS
        if (seen != null && seen.writes() == writes && now - seen.atNanos() < FRESH_FOR_NANOS) {
            return seen.count();
        }
        try {
            int count = service.requests(ApprovalRequest.State.PENDING_APPROVAL, Integer.MAX_VALUE).size();
            last = new Counted(count, now, writes);
            return count;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
