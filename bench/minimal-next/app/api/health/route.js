export const dynamic = "force-dynamic";

/** The bench's minimal Next anchor: what Next's request pipeline costs for the smallest JSON answer. */
export function GET() {
  return Response.json({ status: "ok" });
}
