package com.ec2manager.livefeed;

import java.util.Map;

/**
 * One record pushed to the feeds: new, or completed.
 *
 * @param id      the stream record's sequence number, the SSE event id a client resumes after
 * @param record  the record as the JSON API shows it
 * @param html    the page fragments that show it (out-of-band swaps for htmx)
 */
record LiveEvent(String id, Map<String, Object> record, String html) {
}
