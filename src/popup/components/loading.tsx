/** The skeleton lines a popup view shows while its data loads. */
export function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading">
      <div class="skeleton" /><div class="skeleton" style="width:70%" /><div class="skeleton" style="width:85%" />
    </div>
  );
}
