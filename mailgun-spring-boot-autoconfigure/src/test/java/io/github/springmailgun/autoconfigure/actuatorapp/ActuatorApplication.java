package io.github.springmailgun.autoconfigure.actuatorapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A WebFlux application with the actuator and the starter, and nothing else.
 */
@SpringBootApplication
public class ActuatorApplication {

}
