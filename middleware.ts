// Dashboard session gate only. The matcher excludes /v1/ (gateway hot path),
// /api/ and static assets, so they never pay for session work here.
import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function middleware(req: NextRequest) {
  // Presence check only; the server verifies the session on every tRPC call.
  const hasSession = SESSION_COOKIES.some((c) => req.cookies.has(c));
  if (!hasSession) {
    const url = req.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = `?callbackUrl=${encodeURIComponent(req.nextUrl.pathname)}`;
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = {
  matcher: ["/((?!v1/|api/|_next/|favicon|sign-in|sign-up|invite/|$).+)"],
};
