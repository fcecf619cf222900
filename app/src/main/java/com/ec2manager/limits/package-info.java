/**
 * Limits on attempts: counts of failed or refused attempts per key (an account, a person, a client
 * address) with backoff, used by sign-in and by the audited-action kernel.
 */
package com.ec2manager.limits;
