import { useEffect, useRef, type TextareaHTMLAttributes } from "react";

type DraftTextareaProps = {
  /** localStorage key, e.g. `draft:reply:12`. */
  storageKey: string;
  /** Remove the stored draft (the post it belonged to was sent). */
  clear?: boolean;
  /** `append`: a stored draft goes before the server's text (a quote); `replace`: it wins (an edit). */
  mode?: "append" | "replace";
  defaultValue?: string;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "defaultValue">;

const read = (key: string) => {
  try { return window.localStorage.getItem(key); } catch { return null; }
};
const write = (key: string, value: string | null) => {
  try {
    if (value) window.localStorage.setItem(key, value);
    else window.localStorage.removeItem(key);
  } catch { /* storage full or disabled: the server still re-shows the text on failure */ }
};

/**
 * A textarea whose text survives a reload, a failed submit and an expired session: it is kept in
 * localStorage while typed and on submit, restored when the form is shown again, and removed once
 * the post was sent (`clear`).
 */
export function DraftTextarea({ storageKey, clear, mode = "append", defaultValue = "", ...rest }: DraftTextareaProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (clear) {
      write(storageKey, null);
      return;
    }
    const draft = read(storageKey);
    if (!draft || el.value.includes(draft)) return;
    el.value = !el.value.trim() || mode === "replace" ? draft : `${draft.trimEnd()}\n\n${el.value}`;
    // Keep the stored draft in step with what is now in the box.
    write(storageKey, el.value);
  }, [storageKey, clear, mode]);
  useEffect(() => {
    const form = ref.current?.form;
    if (!form) return;
    const save = () => write(storageKey, ref.current?.value.trim() ? ref.current.value : null);
    form.addEventListener("submit", save);
    return () => form.removeEventListener("submit", save);
  }, [storageKey]);
  return <textarea ref={ref} defaultValue={defaultValue} onInput={(e) => write(storageKey, e.currentTarget.value.trim() ? e.currentTarget.value : null)} {...rest} />;
}

/**
 * After a post was sent (`?posted=reply|thread|edit-<post id>`): forgets the new-thread draft when a thread was
 * started, and removes the flag from the address so a reload keeps the next draft.
 */
export function useForgetPostedFlag(posted: string | null) {
  useEffect(() => {
    if (!posted) return;
    if (posted === "thread") write("draft:new-thread", null);
    const edited = /^edit-(\d+)$/.exec(posted);
    if (edited) write(`draft:edit:${edited[1]}`, null);
    const url = new URL(window.location.href);
    url.searchParams.delete("posted");
    window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
  }, [posted]);
}
