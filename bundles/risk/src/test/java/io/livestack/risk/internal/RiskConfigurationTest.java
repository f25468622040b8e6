package io.livestack.risk.internal;

import static io.livestack.api.model.Fixed.of;
import static io.livestack.risk.internal.RiskFixture.BTC;
import static io.livestack.risk.internal.RiskFixture.VENUE;
import static io.livestack.risk.internal.RiskFixture.config;
import static io.livestack.risk.internal.RiskFixture.loose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.model.Side;
import io.livestack.api.risk.LimitUsage;
import io.livestack.api.risk.RejectReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class RiskConfigurationTest {

    private final RiskFixture f = new RiskFixture();
    private final long now = 5_000_000_000L;

    @Test
    void missingKeysTakeTheirDefaults() {
        RiskLimits limits = RiskLimits.parse(Map.of());

        assertThat(limits.maxOrderQuantity).isEqualTo(of(1000));
        assertThat(limits.maxOrderNotional).isEqualTo(of(1_000_000));
        assertThat(limits.maxPosition).isEqualTo(of(5000));
        assertThat(limits.priceBandBps).isEqualTo(500);
        assertThat(limits.maxOpenOrders).isEqualTo(200);
        assertThat(limits.maxOrdersPerSecond).isEqualTo(50);
        assertThat(limits.maxCancelsPerSecond).isEqualTo(100);
        assertThat(limits.selfCrossCheck).isTrue();
        assertThat(limits.countOpenOrdersInPosition).isTrue();
        assertThat(limits.limitOrdersRequireReference).isFalse();
    }

    @Test
    void decimalsAndTypedValuesAreAccepted() {
        RiskLimits limits = RiskLimits.parse(config("maxOrderQuantity", " 2.5 ", "maxOpenOrders", 7,
                "selfCrossCheck", Boolean.FALSE, "maxPosition.BTC-USD", "0.00000001", "priceBandBps", 25L));

        assertThat(limits.maxOrderQuantity).isEqualTo(250_000_000L);
        assertThat(limits.maxOpenOrders).isEqualTo(7);
        assertThat(limits.selfCrossCheck).isFalse();
        assertThat(limits.maxPosition(BTC)).isEqualTo(1);
        assertThat(limits.maxPosition(RiskFixture.ETH)).isEqualTo(of(5000));
        assertThat(limits.priceBandBps).isEqualTo(25);
    }

    @Test
    void frameworkPropertiesAreNotLimits() {
        RiskLimits.parse(config("service.pid", "livestack.risk", "component.name", "x", "component.id", 3L,
                "felix.fileinstall.filename", "file:/etc/livestack.risk.cfg",
                "org.apache.karaf.features.configKey", "livestack.risk"));
    }

    @Test
    void rejectsANegativeValueNamingKeyAndValue() {
        assertThatThrownBy(() -> new RiskStageComponent(config("maxOrderQuantity", "-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxOrderQuantity='-1' must not be negative")
                .hasMessageContaining("livestack.risk");
    }

    @Test
    void rejectsANonNumericValueNamingKeyAndValue() {
        assertThatThrownBy(() -> RiskLimits.parse(config("maxOpenOrders", "lots")))
                .hasMessageContaining("maxOpenOrders='lots' is not a whole number");
        assertThatThrownBy(() -> RiskLimits.parse(config("maxOrderNotional", "1e")))
                .hasMessageContaining("maxOrderNotional='1e' is not a decimal number");
        assertThatThrownBy(() -> RiskLimits.parse(config("maxOrderQuantity", "0.000000001")))
                .hasMessageContaining("maxOrderQuantity='0.000000001'");
        assertThatThrownBy(() -> RiskLimits.parse(config("selfCrossCheck", "yes")))
                .hasMessageContaining("selfCrossCheck='yes' is not true or false");
    }

    @Test
    void rejectsAnUnknownKey() {
        assertThatThrownBy(() -> RiskLimits.parse(config("maxOrderQuantiy", "5")))
                .hasMessageContaining("maxOrderQuantiy='5' is not a risk limit");
    }

    @Test
    void rejectsAnOverrideSuffixOnADeskWideSetting() {
        assertThatThrownBy(() -> RiskLimits.parse(config("maxOrdersPerSecond.BTC-USD", "5")))
                .hasMessageContaining("maxOrdersPerSecond.BTC-USD='5': maxOrdersPerSecond is desk-wide");
    }

    @Test
    void rejectsAnOverrideWithABadValueOrInstrument() {
        assertThatThrownBy(() -> RiskLimits.parse(config("maxPosition.BTC-USD", "-3")))
                .hasMessageContaining("maxPosition.BTC-USD='-3' must not be negative");
        assertThatThrownBy(() -> RiskLimits.parse(config("maxPosition.", "3")))
                .hasMessageContaining("maxPosition.='3'").hasMessageContaining("not a valid instrument id");
    }

    @Test
    void reportsEveryBadKeyAtOnce() {
        assertThatThrownBy(() -> RiskLimits.parse(config("maxOrderQuantity", "x", "maxOpenOrders", "-2")))
                .hasMessageContaining("maxOrderQuantity='x'").hasMessageContaining("maxOpenOrders='-2'");
    }

    @Test
    void liveReconfigurationAppliesNewLimitsAtOnce() {
        f.book(VENUE, BTC, of(99), of(101));
        RiskStageComponent risk = new RiskStageComponent(loose("maxOrderQuantity", "10"));
        assertThat(risk.check(f.limit(Side.BUY, of(100), of(8)), f.state, now).accepted()).isTrue();

        risk.modified(loose("maxOrderQuantity", "5", "maxOrderQuantity.BTC-USD", "7"));

        assertThat(risk.check(f.limit(Side.BUY, of(100), of(7)), f.state, now).accepted()).isTrue();
        assertThat(risk.check(f.limit(Side.BUY, of(100), of(8)), f.state, now).reason())
                .isEqualTo(RejectReason.MAX_ORDER_QUANTITY);
        assertThat(risk.limits()).contains(new LimitUsage("maxOrderQuantity", "7", "per order", "instrument:BTC-USD",
                0, true)); // it just refused the order of 8
    }

    @Test
    void badLiveReconfigurationKeepsThePreviousLimitsAndSaysWhy() {
        f.book(VENUE, BTC, of(99), of(101));
        RiskStageComponent risk = new RiskStageComponent(loose("maxOrderQuantity", "10", "maxOpenOrders", "50"));

        assertThatThrownBy(() -> risk.modified(loose("maxOrderQuantity", "1", "maxOpenOrders", "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxOpenOrders='-1'");

        // not half-applied: maxOrderQuantity=1 (valid in the bad set) is not in force either
        assertThat(risk.check(f.limit(Side.BUY, of(100), of(10)), f.state, now).accepted()).isTrue();
        assertThat(risk.limits()).filteredOn(l -> l.key().equals("configError")).singleElement()
                .satisfies(l -> assertThat(l.usage()).contains("maxOpenOrders='-1'"));

        risk.modified(loose("maxOrderQuantity", "2"));
        assertThat(risk.limits()).noneMatch(l -> l.key().equals("configError"));
    }

    @Test
    void limitsListEveryLimitWithItsUsage() {
        f.book(VENUE, BTC, of(99), of(101));
        f.resting(VENUE, RiskFixture.ETH, Side.BUY, of(1), of(1));
        RiskStageComponent risk = new RiskStageComponent(loose("maxPosition.BTC-USD", "20"));
        f.position(BTC, Side.BUY, of(3), of(100));
        risk.check(f.limit(Side.BUY, of(100), of(2)), f.state, now);
        risk.check(RiskFixture.cancel(f.resting(VENUE, BTC, Side.BUY, of(98), of(1))), f.state, now);

        Map<String, LimitUsage> byKey = new java.util.HashMap<>();
        risk.limits().forEach(l -> byKey.put(l.scope().equals("desk") ? l.key() : l.key() + "@" + l.scope(), l));
        assertThat(byKey).containsKeys("maxOrderQuantity", "maxOrderNotional", "maxPosition",
                "maxPosition@instrument:BTC-USD", "priceBandBps", "maxOpenOrders", "maxOrdersPerSecond",
                "maxCancelsPerSecond", "selfCrossCheck", "countOpenOrdersInPosition", "limitOrdersRequireReference",
                "duplicateWindowMs", "lossAction", "tradingDayStart", "tradingDayZone", "customChecks");
        assertThat(byKey.get("maxPosition@instrument:BTC-USD").limit()).isEqualTo("20");
        assertThat(byKey.get("maxPosition@instrument:BTC-USD").usage()).isEqualTo("BTC-USD net 3, worst case 5");
        assertThat(byKey.get("maxPosition@instrument:BTC-USD").utilization()).isEqualTo(0.25);
        assertThat(byKey.get("maxOpenOrders").usage()).isEqualTo("1 open");
        assertThat(byKey.get("maxOrdersPerSecond").usage()).isEqualTo("1 in window");
        assertThat(byKey.get("maxCancelsPerSecond").usage()).isEqualTo("1 in window");
    }

    @Test
    void theShippedConfigurationFileIsValid() throws Exception {
        Path shipped = Path.of("../../config/livestack.risk.cfg");
        assertThat(shipped).exists();
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(shipped)) {
            properties.load(in);
        }
        Map<String, Object> map = new java.util.HashMap<>();
        properties.forEach((k, v) -> map.put((String) k, v));

        RiskLimits limits = RiskLimits.parse(map);
        assertThat(limits.maxOrderQuantity).isPositive();
    }

    @Test
    void scopedKeysAreReadPerScope() {
        RiskLimits limits = RiskLimits.parse(config("maxOrderQuantity.strategy.mm", "5", "maxOrderQuantity.strategy.*",
                "7", "maxOrderQuantity.account.ACC1", "8", "maxOrderQuantity.venue.sim", "9",
                "maxOrderQuantity.instrument.ETH-USD", "10", "maxMessagesPerSecond.venue.sim", "20",
                "maxLoss.account.*", "1000.5", "lossAction", "reducing", "tradingDayStart", "17:30",
                "tradingDayZone", "America/New_York"));

        assertThat(limits.orderQuantity.strategy(io.livestack.api.model.StrategyId.of("mm"))).isEqualTo(of(5));
        assertThat(limits.orderQuantity.strategy(io.livestack.api.model.StrategyId.of("x"))).isEqualTo(of(7));
        assertThat(limits.orderQuantity.account(io.livestack.api.model.AccountId.of("ACC1"))).isEqualTo(of(8));
        assertThat(limits.orderQuantity.venue(VENUE)).isEqualTo(of(9));
        assertThat(limits.maxOrderQuantity(RiskFixture.ETH)).isEqualTo(of(10));
        assertThat(limits.messages.venue(VENUE)).isEqualTo(20);
        assertThat(limits.loss.accountDefault).isEqualTo(of(1000) + of(1) / 2);
        assertThat(limits.lossAction).isEqualTo(io.livestack.api.model.TradingState.REDUCING);
        assertThat(limits.tradingDay).isEqualTo(new io.livestack.api.model.TradingDay(java.time.LocalTime.of(17, 30),
                java.time.ZoneId.of("America/New_York")));
    }

    @Test
    void theStageTellsTheTradingDayInForceAndAChangeOfIt() {
        RiskStageComponent risk = new RiskStageComponent(config());
        assertThat(risk.tradingDay()).isEqualTo(io.livestack.api.model.TradingDay.MIDNIGHT_UTC);
        risk.configure(Map.of("tradingDayStart", "08:00", "tradingDayZone", "Europe/London"));
        assertThat(risk.tradingDay()).isEqualTo(new io.livestack.api.model.TradingDay(java.time.LocalTime.of(8, 0),
                java.time.ZoneId.of("Europe/London")));
    }

    @Test
    void aScopeTheLimitDoesNotHaveIsRefusedNamingIt() {
        assertThatThrownBy(() -> RiskLimits.parse(config("maxPosition.venue.sim", "3")))
                .hasMessageContaining("maxPosition.venue.sim='3': maxPosition has no venue scope");
        assertThatThrownBy(() -> RiskLimits.parse(config("maxLoss.instrument.BTC-USD", "3")))
                .hasMessageContaining("maxLoss.instrument.BTC-USD='3': maxLoss has no instrument scope");
        assertThatThrownBy(() -> RiskLimits.parse(config("maxMessagesPerSecond", "3")))
                .hasMessageContaining("maxMessagesPerSecond='3': maxMessagesPerSecond has no desk-wide value");
        assertThatThrownBy(() -> RiskLimits.parse(config("maxOrderQuantity.venue.*", "3")))
                .hasMessageContaining("maxOrderQuantity.venue.*='3': '*' (every one) is for the strategy and account");
    }

    @Test
    void badScopedValuesAndSettingsAreRefusedNamingKeyAndValue() {
        assertThatThrownBy(() -> RiskLimits.parse(config("maxOrderQuantity.strategy.mm", "-1",
                "maxOpenOrders.account.ACC1", "many", "lossAction", "PANIC", "tradingDayStart", "25:00",
                "tradingDayZone", "Mars/Olympus", "duplicateWindowMs", "-5", "maxFillsPerWindow.strategy.mm", "3",
                "fillWindowMs", "0")))
                .hasMessageContaining("maxOrderQuantity.strategy.mm='-1' must not be negative")
                .hasMessageContaining("maxOpenOrders.account.ACC1='many' is not a whole number")
                .hasMessageContaining("lossAction='PANIC' is not one of [REDUCING, HALTED]")
                .hasMessageContaining("tradingDayStart='25:00' is not a time of day")
                .hasMessageContaining("tradingDayZone='Mars/Olympus' is not a time zone")
                .hasMessageContaining("duplicateWindowMs='-5' must not be negative")
                .hasMessageContaining("fillWindowMs='0' must be positive when maxFillsPerWindow is set");
    }

    @Test
    void aBadScopedChangeKeepsThePreviousLimits() {
        f.book(VENUE, BTC, of(99), of(101));
        RiskStageComponent risk = new RiskStageComponent(loose("maxOrderQuantity.strategy.mm", "5"));

        assertThatThrownBy(() -> risk.modified(loose("maxOrderQuantity.strategy.mm", "1",
                "maxOrderQuantity.strategy.bad id", "2")))
                .hasMessageContaining("maxOrderQuantity.strategy.bad id='2': 'bad id' is not a valid strategy id");

        assertThat(risk.check(f.limit(Side.BUY, of(100), of(5)), f.state, now).accepted()).isTrue();
        assertThat(risk.check(f.limit(Side.BUY, of(100), of(6)), f.state, now).reason())
                .isEqualTo(RejectReason.MAX_ORDER_QUANTITY);
    }

    @Test
    void theShippedExamplesAreValidToo() throws Exception {
        Path shipped = Path.of("../../config/livestack.risk.cfg");
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(shipped)) {
            properties.load(in);
        }
        Map<String, Object> map = new java.util.HashMap<>();
        properties.forEach((k, v) -> map.put((String) k, v));
        int examples = 0;
        for (String line : Files.readAllLines(shipped)) {
            int eg = line.indexOf("e.g.");
            if (!line.startsWith("#") || eg < 0 || !line.contains("=")) {
                continue;
            }
            String rest = line.substring(line.indexOf(':', eg) < 0 ? eg + 4 : line.indexOf(':', eg) + 1);
            for (String pair : rest.split("  and  ")) {
                String[] kv = pair.split("=", 2);
                map.put(kv[0].trim(), kv[1].trim());
                examples++;
            }
        }
        assertThat(examples).isGreaterThanOrEqualTo(5);

        RiskLimits limits = RiskLimits.parse(map);
        assertThat(limits.fills.strategyDefault).isEqualTo(100);
        assertThat(limits.messages.venue(io.livestack.api.model.VenueId.of("SIM"))).isEqualTo(100);
    }
}
