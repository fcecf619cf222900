package com.ec2manager.localaws.ec2;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * EC2's instance state machine: which action is allowed from which state, with EC2's error
 * codes and messages, and the transition each allowed action starts. Pure: it is given the
 * instance as it is now and answers the instance as it becomes.
 *
 * <pre>
 *   stopped --start--> pending(0) --delay--> running(16)      (a new public IPv4 address)
 *   running --stop---> stopping(64) --delay--> stopped(80)    (the public address released)
 *   any but terminated --terminate--> shutting-down(32) --delay--> terminated(48)
 *   running --reboot--> running
 * </pre>
 */
final class StateMachine {

    static final String USER_SHUTDOWN_CODE = "Client.UserInitiatedShutdown";
    static final String USER_SHUTDOWN_MESSAGE = "Client.UserInitiatedShutdown: User initiated shutdown";
    static final String USER_HIBERNATE_CODE = "Client.UserInitiatedHibernate";
    static final String USER_HIBERNATE_MESSAGE = "Client.UserInitiatedHibernate: User initiated hibernate";
    private static final DateTimeFormatter REASON_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'GMT'").withZone(ZoneOffset.UTC);

    private final Duration transitionDelay;

    StateMachine(Duration transitionDelay) {
        if (transitionDelay.isNegative()) {
            throw new IllegalArgumentException("a transition delay cannot be negative");
        }
        this.transitionDelay = transitionDelay;
    }

    /**
     * Why EC2 would refuse {@code action} on this instance, if it would. The instance must be
     * settled at the time of the request.
     */
    Optional<Ec2Exception> refusal(InstanceAction action, Ec2Instance instance) {
        String id = instance.instanceId();
        InstanceState state = instance.state();
        return Optional.ofNullable(switch (action) {
            case START -> switch (state) {
                case PENDING, RUNNING, STOPPED -> null;
                default -> incorrectState("The instance '" + id + "' is not in a state from which it can be started.");
            };
            case STOP -> switch (state) {
                case RUNNING -> instance.disableApiStop() ? stopProtected(id) : null;
                case STOPPING, STOPPED -> null;
                default -> incorrectState("This instance '" + id + "' is not in a state from which it can be stopped.");
            };
            case REBOOT -> switch (state) {
                // EC2 ignores a reboot of a terminated instance
                case RUNNING, TERMINATED -> null;
                default -> incorrectState("The instance '" + id + "' is not in a state from which it can be rebooted.");
            };
            case TERMINATE -> switch (state) {
                case SHUTTING_DOWN, TERMINATED -> null;
                default -> instance.disableApiTermination() ? terminationProtected(id) : null;
            };
        });
    }

    /**
     * Why a stop with {@code Hibernate=true} is refused on top of {@link #refusal}: EC2 hibernates only
     * an instance configured for it at launch, and says so rather than stopping it plainly.
     */
    Optional<Ec2Exception> hibernationRefusal(Ec2Instance instance) {
        return instance.hibernationConfigured() ? Optional.empty() : Optional.of(Ec2Exception.client(
                "UnsupportedHibernationConfiguration", "The instance can't be hibernated because it was not "
                        + "configured at launch for hibernation: " + instance.instanceId()));
    }

    /** A running instance hibernated (stopping, then stopped, with the hibernation's reason); otherwise as a stop. */
    Ec2Instance hibernate(Ec2Instance instance, Instant now, boolean force) {
        if (instance.state() != InstanceState.RUNNING) {
            return apply(InstanceAction.STOP, instance, now, force);
        }
        return instance.withLifecycle(new Lifecycle(InstanceState.STOPPING, now, InstanceState.STOPPED,
                now.plus(transitionDelay), "User initiated (" + REASON_TIME.format(now) + ")", USER_HIBERNATE_CODE,
                USER_HIBERNATE_MESSAGE));
    }

    /**
     * The instance after {@code action}, which must have no refusal. An action that finds the
     * instance already where it leads (start of a running one, stop of a stopped one) changes
     * nothing, as in EC2.
     */
    Ec2Instance apply(InstanceAction action, Ec2Instance instance, Instant now, boolean force) {
        InstanceState state = instance.state();
        Lifecycle lifecycle = instance.lifecycle();
        return switch (action) {
            case START -> state == InstanceState.STOPPED
                    ? instance.withLaunchTime(now).withPublicIp(newPublicIp(instance, now))
                            .withLifecycle(new Lifecycle(InstanceState.PENDING, now,
                            InstanceState.RUNNING, now.plus(transitionDelay), "", null, null))
                    : instance;
            case STOP -> switch (state) {
                case RUNNING -> instance.withLifecycle(userInitiated(InstanceState.STOPPING, InstanceState.STOPPED, now));
                // a forced stop ends a stop that hangs
                case STOPPING -> force ? instance.withLifecycle(new Lifecycle(InstanceState.STOPPING,
                        lifecycle.since(), InstanceState.STOPPED, now, lifecycle.reason(),
                        lifecycle.stateReasonCode(), lifecycle.stateReasonMessage())) : instance;
                default -> instance;
            };
            case REBOOT -> instance;
            case TERMINATE -> state == InstanceState.SHUTTING_DOWN || state == InstanceState.TERMINATED
                    ? instance
                    : instance.withLifecycle(userInitiated(InstanceState.SHUTTING_DOWN, InstanceState.TERMINATED, now));
        };
    }

    /**
     * EC2 releases an instance's public IPv4 address when it stops and assigns a new one when it
     * starts (an Elastic IP would stay, but the emulator has none). Derived from the instance and
     * the time, so that this class stays pure.
     */
    private static String newPublicIp(Ec2Instance instance, Instant now) {
        if (instance.publicIpAddress() == null) {
            return null; // launched without a public address: none on start either
        }
        Random random = new Random(Objects.hash(instance.instanceId(), now));
        int[] octets = RegionCatalog.require(instance.region()).publicFirstOctets();
        String ip;
        do {
            ip = octets[random.nextInt(octets.length)] + "." + random.nextInt(256) + "." + random.nextInt(256)
                    + "." + (1 + random.nextInt(254));
        } while (ip.equals(instance.publicIpAddress()));
        return ip;
    }

    private Lifecycle userInitiated(InstanceState during, InstanceState after, Instant now) {
        return new Lifecycle(during, now, after, now.plus(transitionDelay),
                "User initiated (" + REASON_TIME.format(now) + ")", USER_SHUTDOWN_CODE, USER_SHUTDOWN_MESSAGE);
    }

    static String userInitiatedReason(Instant at) {
        return "User initiated (" + REASON_TIME.format(at) + ")";
    }

    private static Ec2Exception incorrectState(String message) {
        return Ec2Exception.client("IncorrectInstanceState", message);
    }

    private static Ec2Exception stopProtected(String id) {
        return Ec2Exception.client("OperationNotPermitted", "The instance '" + id
                + "' may not be stopped. Modify its 'disableApiStop' instance attribute and try again.");
    }

    private static Ec2Exception terminationProtected(String id) {
        return Ec2Exception.client("OperationNotPermitted", "The instance '" + id
                + "' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.");
    }
}
