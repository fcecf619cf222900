# EC2 Manager's container image. It packs the jar the Maven build made (the build needs Maven Central,
# which an image build should not): build first, then the image.
#
#   ./mvnw -q -DskipTests package && docker build -t ec2-manager .
#
# `cdk deploy` (infra/) builds this image itself, for linux/amd64.
FROM eclipse-temurin:21-jre-noble

# a user of its own, without a login shell or home: the application needs neither
RUN groupadd --system --gid 10001 ec2manager \
 && useradd --system --uid 10001 --gid ec2manager --no-create-home --shell /usr/sbin/nologin ec2manager

WORKDIR /opt/ec2-manager
COPY app/target/ec2-manager.jar ec2-manager.jar

USER 10001:10001

# The application's default address is loopback (safe on a laptop); in a container it must listen on all.
# The image runs aws mode: local mode (seeded users, published passwords) refuses every interface anyway, and
# aws mode refuses to start without its required settings (user pool, app client, session secret).
# Heap sized from the container's memory limit; die on OutOfMemoryError so that ECS replaces the task.
ENV EC2MANAGER_AWS_MODE=aws \
    SERVER_ADDRESS=0.0.0.0 \
    SERVER_PORT=8080 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/ec2-manager/ec2-manager.jar"]
