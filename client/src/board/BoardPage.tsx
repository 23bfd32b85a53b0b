export default function BoardPage({
  workshopId,
  groupId,
}: {
  workshopId?: string;
  groupId?: string;
}) {
  return (
    <main className="page">
      {workshopId}/{groupId}
    </main>
  );
}
