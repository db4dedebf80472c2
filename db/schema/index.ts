export * from "./clinics";
export * from "./patients";
export * from "./library";
export * from "./programs";
export * from "./checkins";
export * from "./alerts";
export * from "./team";
export * from "./summaries";
