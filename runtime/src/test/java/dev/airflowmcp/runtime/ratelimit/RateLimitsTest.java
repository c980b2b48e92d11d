package dev.airflowmcp.runtime.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airflowmcp.runtime.tool.RateLimit;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
  private static final Map<String, RateLimit> CATALOG =
      Map.of("list", new RateLimit(30, 120), "logs", new RateLimit(10, 30));

  @Test
  void catalogLimitsApplyAndOtherClassesGetTheBuiltInOne() {
    RateLimits limits = RateLimits.resolve(CATALOG, Map.of());
    assertThat(limits.forClass("list")).isEqualTo(new RateLimit(30, 120));
    assertThat(limits.forClass("logs")).isEqualTo(new RateLimit(10, 30));
    assertThat(limits.forClass("custom")).isEqualTo(RateLimit.BUILT_IN);
    assertThat(limits).hasToString("list 30/120, logs 10/30; other classes 30/60");
  }

  @Test
  void overridesWinPerClass() {
    RateLimits limits =
        RateLimits.resolve(
            CATALOG, Map.of("logs", new RateLimit(2, 4), "custom", new RateLimit(7, 7)));
    assertThat(limits.forClass("list")).isEqualTo(new RateLimit(30, 120));
    assertThat(limits.forClass("logs")).isEqualTo(new RateLimit(2, 4));
    assertThat(limits.forClass("custom")).isEqualTo(new RateLimit(7, 7));
    assertThat(limits.forClass("other")).isEqualTo(RateLimit.BUILT_IN);
  }

  @Test
  void starReplacesEveryClassExceptExplicitOverrides() {
    RateLimits limits =
        RateLimits.resolve(
            CATALOG,
            Map.of(RateLimits.ALL_CLASSES, new RateLimit(100, 600), "logs", new RateLimit(1, 1)));
    assertThat(limits.forClass("list")).isEqualTo(new RateLimit(100, 600));
    assertThat(limits.forClass("logs")).isEqualTo(new RateLimit(1, 1));
    assertThat(limits.forClass("anything")).isEqualTo(new RateLimit(100, 600));
    assertThat(limits.fallback()).isEqualTo(new RateLimit(100, 600));
  }

  @Test
  void uniformLimitsHaveNoClasses() {
    RateLimits limits = RateLimits.uniform(new RateLimit(3, 3));
    assertThat(limits.classes()).isEmpty();
    assertThat(limits.forClass("x")).isEqualTo(new RateLimit(3, 3));
    assertThat(limits).hasToString("other classes 3/3");
  }
}
