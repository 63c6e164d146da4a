package com.tradebot.trading.exchange.bybit;

import static org.knowm.xchange.bybit.service.BybitDigest.X_BAPI_API_KEY;
import static org.knowm.xchange.bybit.service.BybitDigest.X_BAPI_SIGN;
import static org.knowm.xchange.bybit.service.BybitDigest.X_BAPI_TIMESTAMP;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.Map;
import si.mazi.rescu.ParamsDigest;
import si.mazi.rescu.SynchronizedValueFactory;

/**
 * Bybit v5 endpoints XChange 5.2.1 does not declare (order book, klines, orders by {@code orderLinkId}, stop orders,
 * positions, leverage), declared as XChange declares Bybit's and signed by XChange's {@code BybitDigest}. Query
 * parameters are listed alphabetically: the digest signs them sorted, Bybit checks them as sent.
 */
@Path("/v5")
@Produces(MediaType.APPLICATION_JSON)
public interface BybitExtensions {
    @GET
    @Path("/market/orderbook")
    BybitV5Dtos.Result<BybitV5Dtos.Book> orderBook(@QueryParam("category") String category,
                                                   @QueryParam("limit") Integer limit,
                                                   @QueryParam("symbol") String symbol) throws IOException;

    @GET
    @Path("/market/kline")
    BybitV5Dtos.Result<BybitV5Dtos.Klines> klines(@QueryParam("category") String category,
                                                  @QueryParam("interval") String interval,
                                                  @QueryParam("limit") Integer limit,
                                                  @QueryParam("symbol") String symbol) throws IOException;

    @GET
    @Path("/order/realtime")
    BybitV5Dtos.Result<BybitV5Dtos.Orders> openOrders(@HeaderParam(X_BAPI_API_KEY) String apiKey,
                                                      @HeaderParam(X_BAPI_SIGN) ParamsDigest signature,
                                                      @HeaderParam(X_BAPI_TIMESTAMP) SynchronizedValueFactory<Long> timestamp,
                                                      @QueryParam("category") String category,
                                                      @QueryParam("orderId") String orderId,
                                                      @QueryParam("orderLinkId") String orderLinkId,
                                                      @QueryParam("symbol") String symbol) throws IOException;

    @GET
    @Path("/order/history")
    BybitV5Dtos.Result<BybitV5Dtos.Orders> orderHistory(@HeaderParam(X_BAPI_API_KEY) String apiKey,
                                                        @HeaderParam(X_BAPI_SIGN) ParamsDigest signature,
                                                        @HeaderParam(X_BAPI_TIMESTAMP) SynchronizedValueFactory<Long> timestamp,
                                                        @QueryParam("category") String category,
                                                        @QueryParam("orderId") String orderId,
                                                        @QueryParam("orderLinkId") String orderLinkId,
                                                        @QueryParam("symbol") String symbol) throws IOException;

    @POST
    @Path("/order/create")
    @Consumes(MediaType.APPLICATION_JSON)
    BybitV5Dtos.Result<BybitV5Dtos.OrderId> stopOrder(@HeaderParam(X_BAPI_API_KEY) String apiKey,
                                                      @HeaderParam(X_BAPI_SIGN) ParamsDigest signature,
                                                      @HeaderParam(X_BAPI_TIMESTAMP) SynchronizedValueFactory<Long> timestamp,
                                                      BybitV5Dtos.StopOrder order) throws IOException;

    @GET
    @Path("/position/list")
    BybitV5Dtos.Result<BybitV5Dtos.Positions> positions(@HeaderParam(X_BAPI_API_KEY) String apiKey,
                                                        @HeaderParam(X_BAPI_SIGN) ParamsDigest signature,
                                                        @HeaderParam(X_BAPI_TIMESTAMP) SynchronizedValueFactory<Long> timestamp,
                                                        @QueryParam("category") String category,
                                                        @QueryParam("settleCoin") String settleCoin) throws IOException;

    @POST
    @Path("/position/set-leverage")
    @Consumes(MediaType.APPLICATION_JSON)
    BybitV5Dtos.Result<Map<String, Object>> setLeverage(@HeaderParam(X_BAPI_API_KEY) String apiKey,
                                                        @HeaderParam(X_BAPI_SIGN) ParamsDigest signature,
                                                        @HeaderParam(X_BAPI_TIMESTAMP) SynchronizedValueFactory<Long> timestamp,
                                                        BybitV5Dtos.Leverage leverage) throws IOException;
}
