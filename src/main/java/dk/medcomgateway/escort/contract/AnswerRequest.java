package dk.medcomgateway.escort.contract;

/**
 * The municipality's answer by API ({@code POST /api/escort-contracts/{id}/accept|decline}).
 *
 * @param contact who answers, named in the message to the ward
 * @param note    optional words for the ward
 */
public record AnswerRequest(Contact contact, String note) {
}
