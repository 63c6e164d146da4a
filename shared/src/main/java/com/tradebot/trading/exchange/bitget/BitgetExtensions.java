package com.tradebot.trading.exchange.bitget;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.List;
import si.mazi.rescu.ParamsDigest;
import si.mazi.rescu.SynchronizedValueFactory;

/**
 * Bitget spot v2 endpoints XChange 5.2.1 lacks (candles, cancel, order by {@code clientOid}) or declares with DTOs
 * our Jackson cannot write (orders), declared as XChange declares Bitget's and signed by XChange's
 * {@code BitgetDigest}.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public interface BitgetExtensions {
    @GET
    @Path("api/v2/spot/market/candles")
    BitgetV2Dtos.Response<List<List<String>>> candles(@QueryParam("symbol") String symbol,
                                                      @QueryParam("granularity") String granularity,
                                                      @QueryParam("limit") Integer limit)
            throws IOException;

    @POST
    @Path("api/v2/spot/trade/place-order")
    @Consumes(MediaType.APPLICATION_JSON)
    BitgetV2Dtos.Response<BitgetV2Dtos.OrderId> placeOrder(@HeaderParam("ACCESS-KEY") String apiKey,
                                                           @HeaderParam("ACCESS-SIGN") ParamsDigest signer,
                                                           @HeaderParam("ACCESS-PASSPHRASE") String passphrase,
                                                           @HeaderParam("ACCESS-TIMESTAMP") SynchronizedValueFactory<Long> timestamp,
                                                           BitgetV2Dtos.PlaceOrder order)
            throws IOException;

    @POST
    @Path("api/v2/spot/trade/cancel-order")
    @Consumes(MediaType.APPLICATION_JSON)
    BitgetV2Dtos.Response<BitgetV2Dtos.OrderId> cancelOrder(@HeaderParam("ACCESS-KEY") String apiKey,
                                                            @HeaderParam("ACCESS-SIGN") ParamsDigest signer,
                                                            @HeaderParam("ACCESS-PASSPHRASE") String passphrase,
                                                            @HeaderParam("ACCESS-TIMESTAMP") SynchronizedValueFactory<Long> timestamp,
                                                            BitgetV2Dtos.CancelOrder order)
            throws IOException;

    @GET
    @Path("api/v2/spot/trade/orderInfo")
    BitgetV2Dtos.Response<List<BitgetV2Dtos.OrderInfo>> orderInfo(@HeaderParam("ACCESS-KEY") String apiKey,
                                                                  @HeaderParam("ACCESS-SIGN") ParamsDigest signer,
                                                                  @HeaderParam("ACCESS-PASSPHRASE") String passphrase,
                                                                  @HeaderParam("ACCESS-TIMESTAMP") SynchronizedValueFactory<Long> timestamp,
                                                                  @QueryParam("orderId") String orderId,
                                                                  @QueryParam("clientOid") String clientOid)
            throws IOException;
}
