/**
 * The vocabulary of failures every feature speaks: {@link com.ec2manager.failure.FailureKind} and
 * the one exception type that carries a kind, a stable code and a message. It depends on nothing
 * of the application; {@code web} alone turns kinds into HTTP answers.
 */
package com.ec2manager.failure;
