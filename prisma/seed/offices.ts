import { createHash } from "node:crypto";
import { chinaTime, chinaToday } from "../../lib/calendar/china-time";
import { addDays, isoWeekday } from "../../lib/calendar/working-days";
import type { Prisma, PrismaClient } from "../../lib/generated/prisma/client";

type Client = PrismaClient;

function stableId(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join("|")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Two joint service halls (政务服务中心) of 广安 with slots for visits on the next ten weekdays. */
export async function seedOfficesAndSlots(client: Client, now: Date = new Date()): Promise<number> {
  const halls = [
    {
      code: "GA-511600-HALL",
      regionCode: "511600000000",
      name: "广安市政务服务中心",
      nameEn: "Guang'an City Service Centre",
      address: "广安市广安区金安大道二段 168 号",
    },
    {
      code: "GA-511602-HALL",
      regionCode: "511602000000",
      name: "广安区政务服务中心",
      nameEn: "Guang'an District Service Centre",
      address: "广安市广安区渠江北路 36 号",
    },
  ];
  let slots = 0;
  for (const hall of halls) {
    const existing = await client.office.findUnique({ where: { code: hall.code }, select: { id: true } });
    const office =
      existing ??
      (await client.office.create({
        data: {
          ...hall,
          id: stableId("office", hall.code),
          phone: "0826-12345",
          openingHours: "工作日 上午 9:00—12:00，下午 13:30—17:30（法定节假日除外）",
          transport: "公交可达",
          active: true,
        },
        select: { id: true },
      }));
    const data: Prisma.OfficeSlotCreateManyInput[] = [];
    for (let offset = 1; data.length < 20 && offset < 30; offset++) {
      const day = addDays(chinaToday(now), offset);
      if (isoWeekday(day) >= 6) continue;
      // Beijing time: 09:00–11:30 and 14:00–17:00.
      data.push({
        officeId: office.id,
        startsAt: chinaTime(day, "09:00"),
        endsAt: chinaTime(day, "11:30"),
        capacity: 5,
      });
      data.push({
        officeId: office.id,
        startsAt: chinaTime(day, "14:00"),
        endsAt: chinaTime(day, "17:00"),
        capacity: 5,
      });
    }
    slots += (await client.officeSlot.createMany({ data, skipDuplicates: true })).count;
  }
  return slots;
}
