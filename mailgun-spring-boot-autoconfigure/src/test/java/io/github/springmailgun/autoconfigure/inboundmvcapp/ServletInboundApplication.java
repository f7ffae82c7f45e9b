package io.github.springmailgun.autoconfigure.inboundmvcapp;

import io.github.springmailgun.autoconfigure.inbound.InboundRecorder;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * A Spring MVC application that receives mail with an {@code @EventListener}, with Spring Boot's defaults.
 */
@SpringBootApplication
@Import(InboundRecorder.class)
public class ServletInboundApplication {

}
