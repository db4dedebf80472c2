import { getEngine } from "@/db/engine";
import { systemData, type SystemData } from "./clinic-data";

/**
 * This server's own database on the system path, for work that runs outside any request (the
 * outbox runner woken after a commit): services cannot open the engine themselves.
 */
export function serverSystem(): SystemData {
  return systemData(getEngine());
}
