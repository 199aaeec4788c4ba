import { z } from "zod";

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .email("Enter a valid email address");
export const ZOrgName = z.string().trim().min(2, "Organization name needs at least 2 characters").max(80);
export const ZPassword = z.string().min(1, "Password is required").max(200);
export const ZPersonName = z.string().trim().max(100).optional();
