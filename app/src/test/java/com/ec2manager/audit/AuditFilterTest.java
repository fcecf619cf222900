package com.ec2manager.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class AuditFilterTest {

    private static AuditFilter range(String from, String to, String zone) {
        return new AuditFilter(null, null, null, from, to, zone, null, null);
    }

    @Test
    void instantsOffsetsLocalTimesAndDatesAreAccepted() {
        AuditQuery utc = range("2025-01-13T10:30:00Z", "2025-01-13T12:00:00+01:00", null).toQuery();
        assertThat(utc.from()).isEqualTo(Instant.parse("2025-01-13T10:30:00Z"));
        assertThat(utc.to()).isEqualTo(Instant.parse("2025-01-13T11:00:00Z"));

        AuditQuery berlin = range("2025-01-13T10:30", "2025-01-13", "Europe/Berlin").toQuery();
        assertThat(berlin.from()).isEqualTo(Instant.parse("2025-01-13T09:30:00Z"));
        // a bare date as the end means the whole day
        assertThat(berlin.to()).isEqualTo(Instant.parse("2025-01-13T23:00:00Z"));
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsABadRequestAndAOneDayRangeIsNot() {
        assertThatThrownBy(() -> range("2020-01-01T00:00:00Z", "2019-01-01T00:00:00Z", null).toQuery())
                .isInstanceOf(InvalidAuditQueryException.class).hasMessageContaining("'from'").hasMessageContaining("after 'to'");
        AuditQuery day = range("2025-01-13", "2025-01-13", null).toQuery();
        assertThat(day.from()).isBefore(day.to());
    }

    @Test
    void actionsAreMatchedCaseInsensitively() {
        assertThat(new AuditFilter(null, "stop_instance", null, null, null, null, null, null).toQuery().action())
                .isEqualTo(AuditAction.STOP_INSTANCE);
    }

    @Test
    void malformedValuesAreBadRequestsNamingTheParameter() {
        assertThatThrownBy(() -> range("yesterday", null, null).toQuery())
                .isInstanceOf(InvalidAuditQueryException.class).hasMessageContaining("'from'");
        assertThatThrownBy(() -> range(null, null, "Mars/Base").toQuery())
                .isInstanceOf(InvalidAuditQueryException.class).hasMessageContaining("time zone");
        assertThatThrownBy(() -> new AuditFilter(null, "FLY", null, null, null, null, null, null).toQuery())
                .isInstanceOf(InvalidAuditQueryException.class).hasMessageContaining("FLY");
        assertThatThrownBy(() -> new AuditFilter(null, null, null, null, null, null, "0", null).toQuery())
                .isInstanceOf(InvalidAuditQueryException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> new AuditFilter(null, null, null, null, null, null, "many", null).toQuery())
                .isInstanceOf(InvalidAuditQueryException.class).hasMessageContaining("whole number");
    }

    @Test
    void theQueryStringCarriesTheFilterForLinksAndLeavesBlanksOut() {
        AuditFilter filter = new AuditFilter(" user-1 ", null, "i-1", "2025-01-13T10:30", null, "Europe/Berlin", null,
                "a+b/c");
        assertThat(filter.toQueryString())
                .isEqualTo("userId=user-1&resourceId=i-1&from=2025-01-13T10%3A30&zone=Europe%2FBerlin&cursor=a%2Bb%2Fc");
        assertThat(filter.withCursor(null).toQueryString()).doesNotContain("cursor");
    }

    @Test
    void timesWrittenAsThePagesShowThemWithASpaceAreAccepted() {
        AuditQuery berlin = range("2025-01-13 10:30", "2025-01-13 11:00:30", "Europe/Berlin").toQuery();
        assertThat(berlin.from()).isEqualTo(Instant.parse("2025-01-13T09:30:00Z"));
        assertThat(berlin.to()).isEqualTo(Instant.parse("2025-01-13T10:00:30Z"));
    }

    @Test
    void outcomesAreAListOfNamesInAnyCaseAndAnUnknownOneIsABadRequest() {
        AuditFilter failedOrDenied = new AuditFilter(null, null, null, null, null, null, null, null, "failed, DENIED");
        assertThat(failedOrDenied.toQuery().outcomes()).containsExactlyInAnyOrder(AuditOutcome.FAILED, AuditOutcome.DENIED);
        assertThat(failedOrDenied.toQueryString()).isEqualTo("outcome=failed%2C+DENIED");
        assertThat(AuditFilter.NONE.toQuery().outcomes()).isEmpty();
        assertThatThrownBy(() -> new AuditFilter(null, null, null, null, null, null, null, null, "LOST").toQuery())
                .isInstanceOf(InvalidAuditQueryException.class).hasMessageContaining("LOST");
    }
}
