package com.ec2manager.schedules;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.ec2manager.failure.FailureKind;
import com.ec2manager.failure.NotPermittedException;
import com.ec2manager.identity.Operator;
import com.ec2manager.web.Caller;
import com.ec2manager.web.FailureStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The schedule pages: the list, one schedule with its preview, overrides and the instances started
 * outside it, and the editor. Everyone signed in may look; the service refuses (and audits) a
 * readonly change. A refused form comes back with what was typed and the reason beside its field;
 * everything else answers with a redirect (POST-redirect-GET).
 */
@Controller
class SchedulesPageController {

    /** Every zone a person may pick, for the time zone field's suggestions. */
    private static final List<String> ZONES = List.copyOf(new TreeSet<>(ZoneId.getAvailableZoneIds()));

    private static final Map<String, String> DAY_NAMES = ScheduleEditorForm.DAYS.stream()
            .collect(java.util.stream.Collectors.toMap(d -> d, ScheduleEditorForm::dayName));

    private final Schedules schedules;
    private final Clock clock;

    SchedulesPageController(Schedules schedules, Clock clock) {
        this.schedules = schedules;
        this.clock = clock;
    }

    /**
     * One line of the list.
     *
     * @param runningNow whether its instances should run now
     * @param next       its next transition, or null within the coming eight days
     */
    record Listed(Schedule schedule, boolean runningNow, Schedule.Transition next) {
    }

    @GetMapping("/schedules")
    String list(@RequestParam(required = false) String notice, Model model) {
        Instant now = clock.instant();
        model.addAttribute("schedules", schedules.schedules().stream()
                .sorted(Comparator.comparing((Schedule s) -> s.name().toLowerCase(java.util.Locale.ROOT)))
                .map(s -> new Listed(s, s.running(now), s.nextTransitions(now, 1, Duration.ofDays(8)).stream()
                        .findFirst().orElse(null)))
                .toList());
        model.addAttribute("notice", "deleted".equals(notice) ? "Schedule deleted; its instances stay as they are." : null);
        return "schedules/list";
    }

    @GetMapping("/schedules/new")
    String newSchedule(Operator operator, Model model) {
        requireAdmin(operator);
        return editor(model, null, ScheduleEditorForm.blank(), null, null);
    }

    @PostMapping("/schedules")
    String create(@RequestParam MultiValueMap<String, String> sent, Operator operator, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        ScheduleEditorForm form = ScheduleEditorForm.of(sent);
        try {
            Schedule created = schedules.create(operator, Caller.of(request), form.toScheduleForm());
            return "redirect:/schedules/" + created.id() + "?notice=created";
        } catch (ScheduleFailure refused) {
            if (refused.kind() != FailureKind.INVALID_INPUT) {
                throw refused;
            }
            return refusedForm(refused, response, model, null, form);
        }
    }

    @GetMapping("/schedules/{id}")
    String schedule(@PathVariable String id, @RequestParam(required = false) String notice, Model model) {
        SchedulePreview preview = schedules.preview(id);
        model.addAttribute("notice", notice == null ? null : switch (notice) {
            case "created" -> "Schedule created. It acts at its next transition.";
            case "saved" -> "Schedule saved. It acts at its next transition.";
            case "overridden" -> "Override added; it ends by itself.";
            default -> null;
        });
        return detail(model, preview, ScheduleOverrideInput.blank(), null);
    }

    @GetMapping("/schedules/{id}/edit")
    String edit(@PathVariable String id, Operator operator, Model model) {
        requireAdmin(operator);
        Schedule schedule = schedules.schedule(id);
        return editor(model, schedule, ScheduleEditorForm.of(schedule), null, null);
    }

    @PostMapping("/schedules/{id}")
    String update(@PathVariable String id, @RequestParam MultiValueMap<String, String> sent, Operator operator,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        ScheduleEditorForm form = ScheduleEditorForm.of(sent);
        try {
            schedules.update(operator, Caller.of(request), id, form.toScheduleForm());
            return "redirect:/schedules/" + id + "?notice=saved";
        } catch (ScheduleFailure refused) {
            if (refused.kind() != FailureKind.INVALID_INPUT) {
                throw refused;
            }
            return refusedForm(refused, response, model, schedules.schedule(id), form);
        }
    }

    @PostMapping("/schedules/{id}/delete")
    String delete(@PathVariable String id, Operator operator, HttpServletRequest request) {
        schedules.delete(operator, Caller.of(request), id);
        return "redirect:/schedules?notice=deleted";
    }

    /**
     * An override from the schedule's page: the instance, what to keep it, and until when, in the
     * schedule's time zone.
     */
    @PostMapping("/schedules/{id}/overrides")
    String override(@PathVariable String id, @RequestParam(defaultValue = "") String instanceId,
                    @RequestParam(defaultValue = "") String keep, @RequestParam(defaultValue = "") String until,
                    Operator operator, HttpServletRequest request, HttpServletResponse response, Model model) {
        ScheduleOverrideInput input = new ScheduleOverrideInput(instanceId, keep, until);
        try {
            Schedule schedule = schedules.schedule(id);
            schedules.override(operator, Caller.of(request), id, instanceId, keep, input.untilIn(schedule.timeZone()));
            return "redirect:/schedules/" + id + "?notice=overridden";
        } catch (ScheduleFailure refused) {
            if (refused.field() == null) {
                throw refused;
            }
            FailureStatus.applyTo(response, refused);
            return detail(model, schedules.preview(id), input, refused);
        }
    }

    /**
     * The override form as typed.
     *
     * @param until a local date and time ({@code 2026-12-01T18:00}) in the schedule's zone
     */
    record ScheduleOverrideInput(String instanceId, String keep, String until) {

        static ScheduleOverrideInput blank() {
            return new ScheduleOverrideInput("", "RUNNING", "");
        }

        Instant untilIn(ZoneId zone) {
            try {
                return LocalDateTime.parse(until.strip()).atZone(zone).toInstant();
            } catch (DateTimeException e) {
                throw ScheduleFailure.invalid("until", "a date and time such as 2026-12-01T18:00");
            }
        }
    }

    private String detail(Model model, SchedulePreview preview, ScheduleOverrideInput input, ScheduleFailure refused) {
        model.addAttribute("preview", preview);
        model.addAttribute("s", preview.schedule());
        model.addAttribute("overrides", schedules.overrides(preview.schedule().id()));
        model.addAttribute("overrideForm", input);
        model.addAttribute("errors", refused == null ? Map.of() : Map.of(refused.field(), refused.advice()));
        // the form suggests four hours from now, in the schedule's zone
        model.addAttribute("untilSuggestion", clock.instant().plus(Duration.ofHours(4)).atZone(preview.schedule()
                .timeZone()).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).toString());
        return "schedules/detail";
    }

    private String refusedForm(ScheduleFailure refused, HttpServletResponse response, Model model, Schedule schedule,
                               ScheduleEditorForm form) {
        FailureStatus.applyTo(response, refused);
        String field = form.pageField(refused.field());
        return editor(model, schedule, form, field, field == null ? refused.getMessage() : refused.advice());
    }

    private static String editor(Model model, Schedule schedule, ScheduleEditorForm form, String errorField,
                                 String error) {
        model.addAttribute("schedule", schedule);
        model.addAttribute("form", form);
        model.addAttribute("zones", ZONES);
        model.addAttribute("days", ScheduleEditorForm.DAYS);
        model.addAttribute("dayNames", DAY_NAMES);
        model.addAttribute("modes", Schedule.Mode.values());
        model.addAttribute("errors", error == null ? Map.of() : Map.of(errorField == null ? "form" : errorField, error));
        return "schedules/edit";
    }

    private static void requireAdmin(Operator operator) {
        if (!operator.isAdmin()) {
            throw new NotPermittedException("Only admins may change schedules.");
        }
    }
}
