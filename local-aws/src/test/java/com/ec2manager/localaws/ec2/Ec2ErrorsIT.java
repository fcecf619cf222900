package com.ec2manager.localaws.ec2;

import static com.ec2manager.localaws.ec2.Ec2ActionsIT.assertError;
import static com.ec2manager.localaws.ec2.Ec2DescribeIT.filter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;

/** Each error code, through the SDK where it can send the request and raw HTTP where it cannot. */
class Ec2ErrorsIT {

    @TempDir
    static Path dataDir;
    static EmulatorHarness harness;
    static Ec2Client ec2;

    @BeforeAll
    static void start() {
        harness = EmulatorHarness.standard(dataDir);
        ec2 = harness.client("us-east-1");
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void anUnsignedRequestGetsAuthFailure() throws Exception {
        HttpResponse<String> response = harness.post("Action=DescribeInstances&Version=2016-11-15", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
        assertThat(response.body()).contains("<Response><Errors><Error><Code>AuthFailure</Code>"
                + "<Message>AWS was not able to validate the provided access credentials</Message></Error></Errors>"
                + "<RequestID>");
        assertThat(harness.emulator.calls()).anySatisfy(call -> {
            assertThat(call.operation()).isEqualTo("DescribeInstances");
            assertThat(call.region()).isNull();
        });
    }

    @Test
    void aRegionTheAccountHasNotEnabledGetsAuthFailure() throws Exception {
        HttpResponse<String> response = harness.post("Action=DescribeInstances&Version=2016-11-15",
                EmulatorHarness.authorization("af-south-1"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("<Code>AuthFailure</Code>");
        // the JDK's HttpURLConnection cannot read the body of a 401 to a streamed POST: the status is what it sees
        assertThatThrownBy(() -> harness.client("us-west-2").describeInstances())
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(401));
    }

    @Test
    void unknownAndMissingActionsAreRefused() throws Exception {
        HttpResponse<String> unknown = harness.post("Action=LaunchRockets&Version=2016-11-15",
                EmulatorHarness.authorization("us-east-1"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("<Code>InvalidAction</Code>")
                .contains("The action LaunchRockets is not valid for this web service.");
        HttpResponse<String> missing = harness.post("Version=2016-11-15", EmulatorHarness.authorization("us-east-1"));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("<Code>MissingAction</Code>");
    }

    @Test
    void getWithAQueryStringWorksLikeAPost() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(harness.emulator.endpoint()
                        + "/?Action=DescribeRegions&Version=2016-11-15&RegionName.1=eu-west-1"))
                .header("Authorization", EmulatorHarness.authorization("us-east-1")).GET().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">")
                .contains("<requestId>").contains("<regionName>eu-west-1</regionName>").doesNotContain("us-east-1<");
    }

    @Test
    void malformedAndUnknownInstanceIdsAreRefused() {
        assertError(() -> ec2.describeInstances(r -> r.instanceIds("ma1")), 400, "InvalidInstanceID.Malformed",
                "Invalid id: \"ma1\"");
        assertError(() -> ec2.stopInstances(r -> r.instanceIds("i-XYZ")), 400, "InvalidInstanceID.Malformed",
                "Invalid id: \"i-XYZ\"");
        assertError(() -> ec2.describeInstances(r -> r.instanceIds("i-0123456789abcdef0")), 400,
                "InvalidInstanceID.NotFound", "The instance ID 'i-0123456789abcdef0' does not exist");
        assertError(() -> ec2.describeInstanceAttribute(r -> r.instanceId("i-0123456789abcdef0")
                .attribute(InstanceAttributeName.INSTANCE_TYPE)), 400, "InvalidInstanceID.NotFound", null);
    }

    @Test
    void maxResultsIsCheckedAndCannotGoWithInstanceIds() {
        String id = harness.emulator.instances("us-east-1").get(0).instanceId();
        assertError(() -> ec2.describeInstances(r -> r.instanceIds(id).maxResults(10)), 400,
                "InvalidParameterCombination", "The parameter instancesSet cannot be used with the parameter maxResults");
        assertError(() -> ec2.describeInstances(r -> r.maxResults(4)), 400, "InvalidParameterValue",
                "Value ( 4 ) for parameter maxResults is invalid. Expecting a value greater than 5.");
        assertError(() -> ec2.describeInstances(r -> r.maxResults(1001)), 400, "InvalidParameterValue",
                "Value ( 1001 ) for parameter maxResults is invalid. Expecting a value less than 1000.");
        assertError(() -> ec2.describeInstanceStatus(r -> r.instanceIds(id).maxResults(10)), 400,
                "InvalidParameterCombination", null);
    }

    @Test
    void garbageOrForeignNextTokensAreRefused() {
        assertError(() -> ec2.describeInstances(r -> r.nextToken("garbage")), 400, "InvalidParameterValue",
                "Value ( garbage ) for parameter NextToken is invalid. The token is invalid.");
        String token = harness.client("eu-west-1").describeInstances(r -> r.maxResults(5)).nextToken();
        assertThat(token).isNotNull();
        assertError(() -> ec2.describeInstances(r -> r.nextToken(token)), 400, "InvalidParameterValue", null);
    }

    @Test
    void unknownFiltersAndAttributesAreRefused() {
        assertError(() -> ec2.describeInstances(r -> r.filters(filter("public-ip", "1.2.3.4"))), 400,
                "InvalidParameterValue", "The filter 'public-ip' is invalid");
        assertError(() -> ec2.describeInstanceStatus(r -> r.filters(filter("tag:Name", "x"))), 400,
                "InvalidParameterValue", "The filter 'tag:Name' is invalid");
        String id = harness.emulator.instances("us-east-1").get(0).instanceId();
        assertError(() -> ec2.describeInstanceAttribute(r -> r.instanceId(id).attribute("colour")), 400,
                "InvalidParameterValue", "Value (colour) for parameter attribute is invalid. Unknown attribute.");
    }

    @Test
    void actionsWithoutInstanceIdsAreRefused() throws Exception {
        HttpResponse<String> response = harness.post("Action=StopInstances&Version=2016-11-15",
                EmulatorHarness.authorization("us-east-1"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>MissingParameter</Code>")
                .contains("The request must contain the parameter InstanceId");
    }
}
