package com.ec2manager.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.ec2manager.audit.AuditOutcome;
import org.junit.jupiter.api.Test;

class ActivityChartTest {

    @Test
    void columnsStackOutcomesWithSucceededAtTheBottomAndScaleToTheBusiestDay() {
        DailyActivity.Day quiet = new DailyActivity.Day(LocalDate.parse("2025-01-12"), Map.of());
        DailyActivity.Day busy = new DailyActivity.Day(LocalDate.parse("2025-01-13"),
                Map.of(AuditOutcome.SUCCEEDED, 30L, AuditOutcome.DENIED, 10L));

        ActivityChart chart = ActivityChart.of(List.of(quiet, busy));

        assertThat(chart.columns()).hasSize(2);
        assertThat(chart.columns().get(0).segments()).isEmpty();
        List<ActivityChart.Segment> stack = chart.columns().get(1).segments();
        assertThat(stack).extracting(ActivityChart.Segment::outcome).containsExactly(AuditOutcome.SUCCEEDED, AuditOutcome.DENIED);
        // the busiest day fills the plot: its top reaches the headroom line, its bottom the axis
        double plot = ActivityChart.HEIGHT - ActivityChart.AXIS - ActivityChart.HEADROOM;
        assertThat(stack.get(0).y() + stack.get(0).height()).isEqualTo(ActivityChart.HEIGHT - ActivityChart.AXIS);
        assertThat(stack.get(1).y()).isEqualTo(ActivityChart.HEADROOM);
        assertThat(stack.get(0).height()).isEqualTo(plot * 30 / 40);
        assertThat(chart.outcomes()).containsExactly(AuditOutcome.SUCCEEDED, AuditOutcome.DENIED);
        assertThat(chart.total()).isEqualTo(40);
        assertThat(chart.columns().get(1).label()).isEqualTo("13 Jan");
    }
}
