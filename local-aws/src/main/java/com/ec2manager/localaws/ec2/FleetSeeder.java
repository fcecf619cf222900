package com.ec2manager.localaws.ec2;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Seeds a realistic, deterministic fleet: the same spec and time give the same instances.
 * Each region draws from its own random stream, so adding a region leaves the others alone.
 * The first five instances of a region are fixed archetypes that tests and demos can rely on:
 * a termination-protected production server, a stop-protected one, a Windows server, a stopped
 * development box and an Auto Scaling group member.
 */
final class FleetSeeder {

    static final String OWNER_ID = "123456789012";
    static final String ASG_TAG = "aws:autoscaling:groupName";

    private static final String[] TEAMS = {"payments", "platform", "data", "search", "identity", "checkout", "mobile", "ml"};
    private static final String[][] OWNERS = {
        {"alice.martin", "bruno.silva"}, {"chen.wei", "dana.kowalski"}, {"emeka.okafor", "fatima.haddad"},
        {"gustav.berg", "hana.sato"}, {"ivan.petrov", "julia.romero"}, {"kofi.mensah", "lena.fischer"},
        {"mateo.garcia", "nina.horvat"}, {"omar.khalil", "priya.nair"}};
    private static final String[] LINUX_ROLES = {"api", "web", "worker", "batch", "cache", "db", "kafka", "etl", "bastion", "jenkins"};
    private static final String[] WINDOWS_ROLES = {"ad", "iis", "sqlserver", "rdp"};
    private static final String[] LINUX_TYPES = {"t3.micro", "t3.small", "t3.medium", "t3.large", "m5.large", "m5.xlarge",
        "m6i.large", "c5.xlarge", "r5.large", "t4g.small", "m6g.large", "c6g.xlarge", "r6g.xlarge"};
    private static final String[] WINDOWS_TYPES = {"t3.medium", "t3.large", "m5.large", "m5.xlarge", "r5.large"};
    private static final Set<String> SCALED_ROLES = Set.of("api", "web", "worker");

    private FleetSeeder() {
    }

    static List<Ec2Instance> seed(FleetSpec spec, Instant now) {
        Instant seededAt = now.truncatedTo(ChronoUnit.SECONDS);
        List<Ec2Instance> fleet = new ArrayList<>(spec.instanceCount());
        Set<String> ids = new HashSet<>();
        List<String> regions = spec.regions();
        for (int r = 0; r < regions.size(); r++) {
            int count = spec.instanceCount() / regions.size() + (r < spec.instanceCount() % regions.size() ? 1 : 0);
            new RegionSeeder(spec.seed(), RegionCatalog.require(regions.get(r)), seededAt, ids).seed(count, fleet);
        }
        return fleet;
    }

    static String architectureOf(String instanceType) {
        String family = instanceType.substring(0, instanceType.indexOf('.'));
        return family.endsWith("g") || family.endsWith("gd") ? "arm64" : "x86_64";
    }

    /** vCPUs of the instance sizes the seeder uses. */
    static int vcpus(String instanceType) {
        String size = instanceType.substring(instanceType.indexOf('.') + 1);
        return switch (size) {
            case "nano", "micro", "small", "medium", "large" -> 2;
            case "xlarge" -> 4;
            case "2xlarge" -> 8;
            case "4xlarge" -> 16;
            default -> 2;
        };
    }

    private record Profile(String environment, String team, Platform platform, String role, String type,
                           boolean running, boolean terminationProtected, boolean stopProtected, boolean scaled) {
    }

    private static final class RegionSeeder {
        private final Random random;
        private final RegionInfo region;
        private final Instant now;
        private final Set<String> ids;
        private final Set<String> addresses = new HashSet<>();
        private final Map<String, Integer> nameCounters = new HashMap<>();
        private final String vpcId;
        private final Map<String, String> subnets = new LinkedHashMap<>();
        private final int regionOctet;
        private final String[][] securityGroups;

        RegionSeeder(long seed, RegionInfo region, Instant now, Set<String> ids) {
            this.random = new Random(seed * 31 + region.name().hashCode());
            this.region = region;
            this.now = now;
            this.ids = ids;
            this.vpcId = "vpc-" + hex();
            for (String zone : region.zoneNames()) {
                subnets.put(zone, "subnet-" + hex());
            }
            this.regionOctet = RegionCatalog.all().indexOf(region);
            this.securityGroups = new String[][] {
                {"sg-" + hex(), "web-tier"}, {"sg-" + hex(), "app-tier"}, {"sg-" + hex(), "data-tier"},
                {"sg-" + hex(), "management"}};
        }

        void seed(int count, List<Ec2Instance> out) {
            int made = 0;
            while (made < count) {
                Profile profile = made < 5 ? archetype(made) : randomProfile();
                int groupSize = made >= 5 && !profile.scaled() && random.nextInt(10) == 0 ? 2 + random.nextInt(2) : 1;
                groupSize = Math.min(groupSize, count - made);
                String reservationId = "r-" + hex();
                String zone = pick(region.zoneNames());
                Instant launched = now.minus(Duration.ofSeconds(3600L + random.nextInt(540 * 86_400)));
                for (int index = 0; index < groupSize; index++) {
                    out.add(instance(profile, reservationId, index, zone, launched));
                    made++;
                }
            }
        }

        private Profile archetype(int index) {
            return switch (index) {
                case 0 -> new Profile("production", "payments", Platform.LINUX, "api", "m5.large", true, true, false, false);
                case 1 -> new Profile("production", "data", Platform.LINUX, "db", "r5.large", true, false, true, false);
                case 2 -> new Profile("production", "identity", Platform.WINDOWS, "ad", "t3.large", true, false, false, false);
                case 3 -> new Profile("development", "search", Platform.LINUX, "worker", "t3.medium", false, false, false, false);
                default -> new Profile("staging", "checkout", Platform.LINUX, "web", "t3.small", true, false, false, true);
            };
        }

        private Profile randomProfile() {
            int e = random.nextInt(100);
            String environment = e < 40 ? "production" : e < 65 ? "staging" : "development";
            String team = pick(TEAMS);
            boolean windows = random.nextInt(100) < 15;
            String role = windows ? pick(WINDOWS_ROLES) : pick(LINUX_ROLES);
            String type = windows ? pick(WINDOWS_TYPES) : pick(LINUX_TYPES);
            boolean production = environment.equals("production");
            boolean scaled = SCALED_ROLES.contains(role) && random.nextBoolean();
            boolean running = random.nextInt(100) >= (environment.equals("development") ? 35 : 10);
            boolean terminationProtected = production && !scaled && random.nextInt(100) < 50;
            boolean stopProtected = production && !scaled && random.nextInt(100) < 15;
            return new Profile(environment, team, windows ? Platform.WINDOWS : Platform.LINUX, role, type, running,
                    terminationProtected, stopProtected, scaled);
        }

        private Ec2Instance instance(Profile p, String reservationId, int launchIndex, String zone, Instant launched) {
            String id;
            do {
                id = "i-" + hex();
            } while (!ids.add(id));
            String prefix = switch (p.environment()) {
                case "production" -> "prod";
                case "staging" -> "stg";
                default -> "dev";
            };
            String base = prefix + "-" + p.team() + "-" + p.role();
            int number = nameCounters.merge(base, 1, Integer::sum);
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("Name", base + "-" + String.format("%02d", number));
            tags.put("Environment", p.environment());
            tags.put("Team", p.team());
            String[] owners = OWNERS[List.of(TEAMS).indexOf(p.team())];
            tags.put("Owner", owners[random.nextInt(owners.length)] + "@example.com");
            if (p.scaled()) {
                tags.put(ASG_TAG, base + "-asg");
            } else if ("development".equals(p.environment())) {
                // what a schedule made from the README's example acts on, so that local mode shows one at work
                tags.put("Schedule", "office-hours");
            }
            String architecture = architectureOf(p.type());
            String[] group = switch (p.role()) {
                case "web", "iis", "api" -> securityGroups[0];
                case "db", "cache", "kafka", "sqlserver" -> securityGroups[2];
                case "bastion", "rdp", "ad", "jenkins" -> securityGroups[3];
                default -> securityGroups[1];
            };
            boolean publicAddress = switch (p.role()) {
                case "web", "iis", "api", "bastion", "rdp", "jenkins" -> true;
                default -> random.nextInt(4) == 0;
            };
            Lifecycle lifecycle;
            if (p.running()) {
                lifecycle = Lifecycle.settledIn(InstanceState.RUNNING, launched.plusSeconds(30));
            } else {
                Instant stoppedAt = launched.plusSeconds(600 + (long) random.nextInt(
                        (int) Math.max(1, Math.min(Integer.MAX_VALUE, Duration.between(launched, now).toSeconds() - 1200))));
                lifecycle = new Lifecycle(InstanceState.STOPPED, stoppedAt, null, null,
                        StateMachine.userInitiatedReason(stoppedAt), StateMachine.USER_SHUTDOWN_CODE,
                        StateMachine.USER_SHUTDOWN_MESSAGE);
            }
            return new Ec2Instance(id, reservationId, launchIndex, region.name(), zone,
                    imageId(p.platform(), architecture), p.type(), p.platform(), architecture,
                    p.platform() == Platform.WINDOWS ? "windows-admin" : "ops-" + prefix,
                    vpcId, subnets.get(zone), group[0], group[1], privateIp(zone),
                    publicAddress ? publicIp() : null, "vol-" + hex(), launched, launched,
                    p.terminationProtected(), p.stopProtected(), hibernationConfigured(id, p), tags, lifecycle);
        }

        /**
         * Whether the instance was launched configured for hibernation: a quarter of the Linux
         * instances outside Auto Scaling groups (EC2 Auto Scaling does not hibernate its members),
         * those whose id ends in 0 to 3. Derived from the id, so that the seeded fleet stays as it was.
         */
        private static boolean hibernationConfigured(String id, Profile p) {
            return p.platform() == Platform.LINUX && !p.scaled() && "0123".indexOf(id.charAt(id.length() - 1)) >= 0;
        }

        /** The same image for a platform and architecture across a region, as fleets share AMIs. */
        private String imageId(Platform platform, String architecture) {
            Random images = new Random((region.name() + platform + architecture).hashCode());
            return "ami-0" + String.format("%016x", images.nextLong());
        }

        private String privateIp(String zone) {
            int zoneIndex = region.zoneNames().indexOf(zone);
            String ip;
            do {
                ip = "10." + regionOctet + "." + (zoneIndex * 32 + random.nextInt(32)) + "." + (4 + random.nextInt(250));
            } while (!addresses.add(ip));
            return ip;
        }

        private String publicIp() {
            int[] octets = region.publicFirstOctets();
            String ip;
            do {
                ip = octets[random.nextInt(octets.length)] + "." + random.nextInt(256) + "." + random.nextInt(256)
                        + "." + (1 + random.nextInt(254));
            } while (!addresses.add(ip));
            return ip;
        }

        private String hex() {
            return "0" + String.format("%016x", random.nextLong());
        }

        private <T> T pick(T[] values) {
            return values[random.nextInt(values.length)];
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }
    }
}
