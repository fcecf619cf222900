package com.ec2manager.schedules;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import com.ec2manager.identity.Operator;
import com.ec2manager.web.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Schedules through the JSON API; changes and overrides are admins' and audited. */
@RestController
class SchedulesApiController {

    private final Schedules schedules;

    SchedulesApiController(Schedules schedules) {
        this.schedules = schedules;
    }

    @GetMapping("/api/v1/schedules")
    List<Schedule> list() {
        return schedules.schedules();
    }

    @PostMapping("/api/v1/schedules")
    @ResponseStatus(HttpStatus.CREATED)
    Schedule create(@RequestBody(required = false) ScheduleForm form, Operator operator, HttpServletRequest request) {
        return schedules.create(operator, Caller.of(request), required(form));
    }

    @GetMapping("/api/v1/schedules/{id}")
    Schedule get(@PathVariable String id) {
        return schedules.schedule(id);
    }

    @PutMapping("/api/v1/schedules/{id}")
    Schedule update(@PathVariable String id, @RequestBody(required = false) ScheduleForm form, Operator operator,
                    HttpServletRequest request) {
        return schedules.update(operator, Caller.of(request), id, required(form));
    }

    @DeleteMapping("/api/v1/schedules/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id, Operator operator, HttpServletRequest request) {
        schedules.delete(operator, Caller.of(request), id);
    }

    @GetMapping("/api/v1/schedules/{id}/preview")
    SchedulePreview preview(@PathVariable String id) {
        return schedules.preview(id);
    }

    /**
     * @param instanceId the instance
     * @param keep       {@code RUNNING} or {@code STOPPED}
     * @param until      ISO-8601 instant, within 30 days
     */
    record OverrideForm(String instanceId, String keep, String until) {
    }

    @PostMapping("/api/v1/schedules/{id}/overrides")
    @ResponseStatus(HttpStatus.CREATED)
    ScheduleOverride override(@PathVariable String id, @RequestBody(required = false) OverrideForm form,
                              Operator operator, HttpServletRequest request) {
        if (form == null) {
            throw ScheduleFailure.invalid("a JSON body with instanceId, keep and until is required");
        }
        Instant until;
        try {
            until = form.until() == null ? null : Instant.parse(form.until().strip());
        } catch (DateTimeParseException e) {
            throw ScheduleFailure.invalid("until", "an ISO-8601 instant such as 2026-12-01T18:00:00Z");
        }
        return schedules.override(operator, Caller.of(request), id, form.instanceId(), form.keep(), until);
    }

    @GetMapping("/api/v1/schedules/{id}/overrides")
    List<ScheduleOverride> overrides(@PathVariable String id) {
        schedules.schedule(id);
        return schedules.overrides(id);
    }

    private static ScheduleForm required(ScheduleForm form) {
        if (form == null) {
            throw ScheduleFailure.invalid("a JSON body describing the schedule is required");
        }
        return form;
    }
}
