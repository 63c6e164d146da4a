package com.tradebot.trading.exchange.binance;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.Map;
import org.knowm.xchange.binance.dto.BinanceException;
import org.knowm.xchange.binance.dto.meta.exchangeinfo.BinanceExchangeInfo;
import jakarta.ws.rs.DELETE;
import si.mazi.rescu.ParamsDigest;
import si.mazi.rescu.SynchronizedValueFactory;

/**
 * Endpoints XChange 5.2.1 lacks or declares too narrowly, declared the way XChange declares Binance's (a rescu
 * interface signed by XChange's {@code BinanceHmacDigest}): the order query by {@code origClientOrderId} alone
 * (XChange's takes a primitive {@code orderId}, so it cannot be left out), order query and cancel into a DTO
 * our Jackson reads (see {@link BinanceOrderDto}), futures leverage, and one symbol's exchange information.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public interface BinanceExtensions {
    /** A new spot order answered FULL (with its fills and their commission), which XChange's DTO cannot read here. */
    @POST
    @Path("api/v3/order")
    BinanceOrderDto newSpotOrder(@FormParam("symbol") String symbol, @FormParam("side") String side,
                                 @FormParam("type") String type, @FormParam("timeInForce") String timeInForce,
                                 @FormParam("quantity") java.math.BigDecimal quantity,
                                 @FormParam("price") java.math.BigDecimal price,
                                 @FormParam("newClientOrderId") String newClientOrderId,
                                 @FormParam("stopPrice") java.math.BigDecimal stopPrice,
                                 @FormParam("newOrderRespType") String newOrderRespType,
                                 @FormParam("recvWindow") Long recvWindow,
                                 @FormParam("timestamp") SynchronizedValueFactory<Long> timestamp,
                                 @HeaderParam("X-MBX-APIKEY") String apiKey,
                                 @QueryParam("signature") ParamsDigest signature) throws IOException, BinanceException;

    /** Spot {@code exchangeInfo} of one symbol (XChange's own call asks for every symbol: megabytes). */
    @GET
    @Path("api/v3/exchangeInfo")
    BinanceExchangeInfo spotExchangeInfo(@QueryParam("symbol") String symbol) throws IOException, BinanceException;

    @GET
    @Path("api/v3/order")
    BinanceOrderDto spotOrder(@QueryParam("symbol") String symbol, @QueryParam("orderId") Long orderId,
                           @QueryParam("origClientOrderId") String origClientOrderId,
                           @QueryParam("recvWindow") Long recvWindow,
                           @QueryParam("timestamp") SynchronizedValueFactory<Long> timestamp,
                           @HeaderParam("X-MBX-APIKEY") String apiKey,
                           @QueryParam("signature") ParamsDigest signature) throws IOException, BinanceException;

    @GET
    @Path("fapi/v1/order")
    BinanceOrderDto futuresOrder(@QueryParam("symbol") String symbol, @QueryParam("orderId") Long orderId,
                              @QueryParam("origClientOrderId") String origClientOrderId,
                              @QueryParam("recvWindow") Long recvWindow,
                              @QueryParam("timestamp") SynchronizedValueFactory<Long> timestamp,
                              @HeaderParam("X-MBX-APIKEY") String apiKey,
                              @QueryParam("signature") ParamsDigest signature) throws IOException, BinanceException;

    @DELETE
    @Path("api/v3/order")
    BinanceOrderDto cancelSpotOrder(@QueryParam("symbol") String symbol, @QueryParam("orderId") Long orderId,
                                    @QueryParam("origClientOrderId") String origClientOrderId,
                                    @QueryParam("recvWindow") Long recvWindow,
                                    @QueryParam("timestamp") SynchronizedValueFactory<Long> timestamp,
                                    @HeaderParam("X-MBX-APIKEY") String apiKey,
                                    @QueryParam("signature") ParamsDigest signature)
            throws IOException, BinanceException;

    @DELETE
    @Path("fapi/v1/order")
    BinanceOrderDto cancelFuturesOrder(@QueryParam("symbol") String symbol, @QueryParam("orderId") Long orderId,
                                       @QueryParam("origClientOrderId") String origClientOrderId,
                                       @QueryParam("recvWindow") Long recvWindow,
                                       @QueryParam("timestamp") SynchronizedValueFactory<Long> timestamp,
                                       @HeaderParam("X-MBX-APIKEY") String apiKey,
                                       @QueryParam("signature") ParamsDigest signature)
            throws IOException, BinanceException;

    @POST
    @Path("fapi/v1/leverage")
    Map<String, Object> changeLeverage(@FormParam("symbol") String symbol, @FormParam("leverage") int leverage,
                                       @FormParam("recvWindow") Long recvWindow,
                                       @FormParam("timestamp") SynchronizedValueFactory<Long> timestamp,
                                       @HeaderParam("X-MBX-APIKEY") String apiKey,
                                       @QueryParam("signature") ParamsDigest signature)
            throws IOException, BinanceException;
}
