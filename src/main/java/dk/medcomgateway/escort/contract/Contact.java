package dk.medcomgateway.escort.contract;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The person behind an escort message, whom the other side can call: MedCom CareCommunication
 * names an author and a contact for every text.
 *
 * @param name  full name
 * @param role  e.g. "Sygeplejerske"
 * @param phone a phone number
 */
@Schema(name = "EscortContact")
public record Contact(String name, String role, String phone) {

    boolean isComplete() {
        return name != null && !name.isBlank() && phone != null && !phone.isBlank();
    }
}
