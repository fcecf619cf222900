package com.ec2manager.localaws.cognito;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Everything about the pool that survives a restart, as written to {@code state.json}. */
final class PoolState {

    public String userPoolId;
    public Instant createdAt;
    /** Users by lower-cased username (usernames are case-insensitive in this pool). */
    public TreeMap<String, PoolUser> users = new TreeMap<>();
    /** Sign-in grants by origin_jti. */
    public Map<String, TokenGrant> grants = new LinkedHashMap<>();
}
