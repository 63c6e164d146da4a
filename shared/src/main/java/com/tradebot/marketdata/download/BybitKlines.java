package com.tradebot.marketdata.download;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.tradebot.marketdata.CandleSeries;
import com.tradebot.marketdata.MarketSymbol;
import com.tradebot.marketdata.Timeframe;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.List;
import si.mazi.rescu.ClientConfig;
import si.mazi.rescu.RestProxyFactory;

/**
 * Bybit v5 spot klines ({@code GET /v5/market/kline}). XChange 5.2.1's Bybit module has no kline call, so the one
 * endpoint is declared here as a rescu interface, the way XChange declares its own (same HTTP layer, same errors).
 */
public final class BybitKlines implements KlinePage {
    static final String BASE_URL = "https://api.bybit.com";

    /** The endpoint, as rescu binds it. */
    @Path("/v5/market")
    @Produces(MediaType.APPLICATION_JSON)
    public interface Api {
        @GET
        @Path("kline")
        Response kline(@QueryParam("category") String category, @QueryParam("symbol") String symbol,
                       @QueryParam("interval") String interval, @QueryParam("start") Long start,
                       @QueryParam("end") Long end, @QueryParam("limit") Integer limit) throws IOException;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Response(int retCode, String retMsg, Result result) {
    }

    /** {@code list}: [startTime, open, high, low, close, volume, turnover] as strings, newest first. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Result(String symbol, String category, List<List<String>> list) {
    }

    private final Api api;

    public BybitKlines(String baseUrl) {
        this.api = RestProxyFactory.createProxy(Api.class, baseUrl == null ? BASE_URL : baseUrl, new ClientConfig());
    }

    @Override
    public String exchange() {
        return "bybit";
    }

    @Override
    public int maxLimit() {
        return 1000;
    }

    @Override
    public CandleSeries fetch(MarketSymbol symbol, Timeframe timeframe, long fromMs, long toMs, int limit)
            throws IOException {
        Response response;
        try {
            response = api.kline("spot", symbol.compact(), interval(timeframe), fromMs, toMs, limit);
        } catch (RuntimeException | IOException e) {
            RateLimitedException limited = RateLimits.of(e);
            if (limited != null) {
                throw limited;
            }
            throw e;
        }
        if (response.retCode() == 10006 || response.retCode() == 10018) {
            throw new RateLimitedException("Bybit " + response.retCode() + ": " + response.retMsg(), null);
        }
        if (response.retCode() != 0) {
            throw new IOException("Bybit " + response.retCode() + ": " + response.retMsg());
        }
        CandleSeries.Builder bars = new CandleSeries.Builder(timeframe, response.result().list().size());
        for (List<String> row : response.result().list()) {
            bars.add(Long.parseLong(row.get(0)), Double.parseDouble(row.get(1)), Double.parseDouble(row.get(2)),
                    Double.parseDouble(row.get(3)), Double.parseDouble(row.get(4)), Double.parseDouble(row.get(5)));
        }
        return bars.build(); // the builder sorts: Bybit answers newest first
    }

    static String interval(Timeframe t) {
        return switch (t) {
            case M1 -> "1";
            case M5 -> "5";
            case M15 -> "15";
            case M30 -> "30";
            case H1 -> "60";
            case H4 -> "240";
            case D1 -> "D";
        };
    }
}
