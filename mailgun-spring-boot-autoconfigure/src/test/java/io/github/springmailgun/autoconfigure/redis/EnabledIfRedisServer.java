package io.github.springmailgun.autoconfigure.redis;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a real Redis server ({@link RedisTestServer}), tagged {@code redis}: where no
 * server answers, its tests are disabled with the reason and reported as skipped, never passed. CI's
 * heavy phase starts Debian's {@code redis-server} and checks from its reports that none skipped.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("redis")
@ExtendWith(RedisTestServer.class)
public @interface EnabledIfRedisServer {

}
